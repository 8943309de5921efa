{#- Spark: Parquet (the project's table format, docs/engines.md), partition columns last. -#}
{% macro spark__partitioned_by(columns) -%}
    using parquet partitioned by ({{ columns | join(', ') }})
{%- endmacro %}
