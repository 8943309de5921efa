{#- dbt's default float type is FLOAT, which DuckDB reads as a 4-byte REAL: KPI values need DOUBLE. -#}
{% macro duckdb__type_float() -%}
    double
{%- endmacro %}
