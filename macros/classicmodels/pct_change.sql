{#- Percent change from `previous` to `current`; NULL when there is no previous value or it is 0. -#}
{% macro pct_change(current, previous) -%}
    100.0 * ({{ current }} - {{ previous }}) / nullif({{ previous }}, 0)
{%- endmacro %}
