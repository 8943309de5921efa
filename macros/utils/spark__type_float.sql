{#- dbt's default float type is FLOAT, a 4-byte float on Spark: KPI values need DOUBLE. -#}
{% macro spark__type_float() -%}
    double
{%- endmacro %}
