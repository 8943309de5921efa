{% macro default__partitioned_by(columns) -%}
{%- endmacro %}
