-- One data-quality profile per raw table of every enabled source system (macro dq_table_profile;
-- the tables from the var source_catalog), with what its raw file was (the base model's audit).
{%- set tables = enabled_source_tables() %}

with

profiles as (

    {% for system, table in tables -%}
        {{ dq_table_profile(system, table) }}
        {%- if not loop.last %}
        union all
        {% endif -%}
    {%- else -%}
        -- No profiled source system is present: an empty profile of the same shape.
        select
            cast(null as {{ dbt.type_string() }}) as source_system,
            cast(null as {{ dbt.type_string() }}) as source_table,
            0 as raw_row_count,
            0 as clean_row_count,
            cast(null as {{ dbt.type_timestamp() }}) as max_loaded_at,
            false as is_freshness_tracked,
            0 as required_cell_count,
            0 as filled_cell_count
        where 1 = 0
    {%- endfor %}

),

file_audits as (

    select * from {{ ref('stg_dq_history__raw_file_audits') }}

),

quarantine_counts as (

    select
        source_system,
        source_table,
        count(*) as quarantined_row_count
    from {{ ref('int_quarantined_records_unioned') }}
    group by source_system, source_table

),

final as (

    select
        profiles.*,
        coalesce(quarantine_counts.quarantined_row_count, 0) as quarantined_row_count,
        file_audits.file_path,
        coalesce(file_audits.file_status, 'ok') as file_status,
        file_audits.missing_required_columns,
        file_audits.missing_optional_columns,
        file_audits.extra_columns
    from profiles
    left join file_audits
        on
            profiles.source_system = file_audits.source_system
            and profiles.source_table = file_audits.source_table
    left join quarantine_counts
        on
            profiles.source_system = quarantine_counts.source_system
            and profiles.source_table = quarantine_counts.source_table

)

select * from final
