{#-
    The "today" of the Classic Models report (spec 002), as a SQL date expression. The data set
    is historical (its orders end on 2005-05-31), so the global as_of (yesterday by default)
    would make every customer look churned: by default this is the last clean order date. Set
    --vars '{classicmodels_as_of: YYYY-MM-DD}' or env KPI_CLASSICMODELS_AS_OF to look back; the
    marts then ignore orders after that day. Used once, in int_classicmodels_as_of_resolved.
-#}
{% macro classicmodels_as_of_date() -%}
    {%- set as_of = var('classicmodels_as_of', '') or env_var('KPI_CLASSICMODELS_AS_OF', '') -%}
    {%- if as_of -%}
        {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', as_of | string) -%}
            {{ exceptions.raise_compiler_error("classicmodels_as_of must be a date as YYYY-MM-DD, got '" ~ as_of ~ "'") }}
        {%- endif -%}
        cast('{{ as_of }}' as date)
    {%- else -%}
        (select max(order_date) from {{ ref('stg_classicmodels__orders') }})
    {%- endif -%}
{%- endmacro %}
