{#-
    One raw table's data-quality profile, from its base_ (every raw line) and stg_ (clean rows)
    models and its contract: row counts for conservation (the quarantined count is joined in
    int_dq_table_profiles), latest load for freshness (spec 000 Q.1), and filled versus
    required cells for completeness (Q.2). A system without load times
    (contract loaded_at null) is not tracked for freshness.
-#}
{% macro dq_table_profile(source_system, source_table) -%}
    {%- set base = ref('base_' ~ source_system ~ '__' ~ source_table) -%}
    {%- set staged = ref('stg_' ~ source_system ~ '__' ~ source_table) -%}
    {%- set contract = contract_table(source_system, source_table) -%}
    {%- set required = (contract.columns | selectattr('required') | map(attribute='name') | list) if contract else [] -%}
    {%- set loaded_at = (contract.loaded_at if contract else none) or 'null' -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        count(*) as raw_row_count,
        (select count(*) from {{ staged }}) as clean_row_count,
        cast(max({{ loaded_at }}) as {{ dbt.type_timestamp() }}) as max_loaded_at,
        {{ 'false' if loaded_at == 'null' else 'true' }} as is_freshness_tracked,
        {{ required | length }} * count(*) as required_cell_count,
        {% for column in required -%}
            count({{ column }}){{ ' + ' if not loop.last }}
        {%- else -%}
            0
        {%- endfor %} as filled_cell_count
    from {{ base }}
{%- endmacro %}
