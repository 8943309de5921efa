-- Every raw row staging kept out of a clean stg_ model, across every enabled source system,
-- with its reason: the base models' own verdicts (typing, checks, duplicates, malformed lines)
-- and the rows whose reference does not resolve (orphan_key: no such parent row at all;
-- parent_quarantined: the parent exists but is quarantined). Tables come from the var
-- source_catalog, each table's key, entity and parents from its contract and stg_ model.
{%- set tables = enabled_source_tables() %}

with

{% for system, table in tables -%}
    {{ system }}__{{ table }} as (

        {{ quarantined_records(system, table) }}

    ),

{% endfor -%}

quarantined as (

    {% for system, table in tables -%}
        select * from {{ system }}__{{ table }}
        {%- if not loop.last %}
        union all
        {% endif -%}
    {%- else -%}
        -- No source system is enabled: an empty quarantine of the same shape.
        {{ quarantined_records(none, none) }}
    {%- endfor %}

),

final as (

    select
        *,
        -- Surrogate key: quarantined rows may repeat a record key or have none at all.
        row_number() over (
            partition by source_system, source_table
            order by record_key, quarantine_reason, source_line, loaded_at, raw_line
        ) as quarantine_row_number
    from quarantined

)

select * from final
