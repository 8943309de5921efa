{#-
    Whether a date is a business day (Monday to Friday), portably: the days since a known Monday
    (1970-01-05) modulo 7 are 0-4 on weekdays. Public holidays are not modelled.
-#}
{% macro is_business_day(date_expression) -%}
    mod({{ dbt.datediff("cast('1970-01-05' as date)", date_expression, 'day') }}, 7) < 5
{%- endmacro %}
