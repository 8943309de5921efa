{#- Percent change from `previous` to `current`; NULL when there is no previous value or it is 0. -#}
{% macro pct_change(current, previous) -%}
    {#- A double, as DuckDB divides decimals (PostgreSQL would keep them decimal). -#}
    cast(100.0 * ({{ current }} - {{ previous }}) as {{ dbt.type_float() }}) / nullif({{ previous }}, 0)
{%- endmacro %}
