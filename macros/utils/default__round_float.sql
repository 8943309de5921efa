{% macro default__round_float(expression, digits) -%}
    round({{ expression }}, {{ digits }})
{%- endmacro %}
