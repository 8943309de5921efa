{#- DuckDB: every model in the target schema, as readers of the published file expect
    (`select * from kpi_values`). Other engines keep dbt's default, <target schema>_<folder
    schema> (dbt_project.yml), so grants can tell raw and staging from marts and KPIs. -#}
{% macro duckdb__generate_schema_name(custom_schema_name, node) -%}
    {{- target.schema -}}
{%- endmacro %}
