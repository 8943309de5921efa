{#- A date `days` days after (before, when negative) a date expression, as a date: dbt.dateadd
    returns a timestamp on some engines (DuckDB among them), and join keys must stay dates. -#}
{% macro add_days(days, date_expression) -%}
    cast({{ dbt.dateadd('day', days, date_expression) }} as date)
{%- endmacro %}
