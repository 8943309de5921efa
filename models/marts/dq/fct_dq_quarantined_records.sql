-- Every raw row any staging model kept out of its clean model, across source systems, with
-- the reason code. Nothing is dropped silently: these rows are counted in fct_dq_issues.

with

quarantined as (

    {% for system in dq_enabled_systems() -%}
        select * from {{ ref('stg_' ~ system ~ '__quarantine') }}
        {%- if not loop.last %}
        union all
        {% endif -%}
    {%- else -%}
        -- No profiled source system is present: an empty quarantine of the same shape.
        select
            cast(null as {{ dbt.type_string() }}) as source_system,
            cast(null as {{ dbt.type_string() }}) as source_table,
            cast(null as {{ dbt.type_string() }}) as entity_id,
            cast(null as {{ dbt.type_string() }}) as record_key,
            cast(null as {{ dbt.type_string() }}) as quarantine_reason,
            cast(null as {{ dbt.type_timestamp() }}) as loaded_at,
            0 as quarantine_row_number
        where 1 = 0
    {%- endfor %}

),

final as (

    select * from quarantined

)

select * from final
