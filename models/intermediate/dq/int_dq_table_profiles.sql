-- One data-quality profile per raw table of every enabled source system (macro dq_table_profile).
with

profiles as (

    {% for system, table, spec in dq_profiled_tables() -%}
        {{ dq_table_profile(system, table, spec) }}
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
            0 as quarantined_row_count,
            cast(null as {{ dbt.type_timestamp() }}) as max_loaded_at,
            false as is_freshness_tracked,
            0 as required_cell_count,
            0 as filled_cell_count
        where 1 = 0
    {%- endfor %}

),

final as (

    select * from profiles

)

select * from final
