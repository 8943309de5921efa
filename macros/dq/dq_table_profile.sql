{#-
    One raw table's data-quality profile, from its base_ (every raw row) and stg_ (clean rows)
    models: row counts for conservation, latest load for freshness (spec 000 Q.1), and filled
    versus required cells for completeness (Q.2). spec is the table's entry in the var
    dq_raw_tables; a null loaded_at there means the system has no load times.
-#}
{% macro dq_table_profile(source_system, source_table, spec) -%}
    {%- set required_columns = spec.required -%}
    {%- set loaded_at = spec.get('loaded_at', 'loaded_at') or 'null' -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        count(*) as raw_row_count,
        (select count(*) from {{ ref('stg_' ~ source_system ~ '__' ~ source_table) }}) as clean_row_count,
        sum(case when quarantine_reason is not null then 1 else 0 end) as quarantined_row_count,
        cast(max({{ loaded_at }}) as {{ dbt.type_timestamp() }}) as max_loaded_at,
        {{ 'false' if loaded_at == 'null' else 'true' }} as is_freshness_tracked,
        {{ required_columns | length }} * count(*) as required_cell_count,
        {% for column in required_columns -%}
            count({{ column }}){{ ' + ' if not loop.last }}
        {%- endfor %} as filled_cell_count
    from {{ ref('base_' ~ source_system ~ '__' ~ source_table) }}
{%- endmacro %}
