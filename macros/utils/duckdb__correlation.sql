{% macro duckdb__correlation(x, y) -%}
    corr({{ x }}, {{ y }})
{%- endmacro %}
