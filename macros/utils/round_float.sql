{#- A double rounded to `digits` decimals, still a double. -#}
{% macro round_float(expression, digits) -%}
    {{ return(adapter.dispatch('round_float')(expression, digits)) }}
{%- endmacro %}
