{% macro default__materialized_cte() -%}
{%- endmacro %}
