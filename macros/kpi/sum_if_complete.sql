{#- The sum of a column over a span, or NULL when any row of the span lacks it: a span total
    over only some of its nights would look like a real number (never coalesce missing to 0). -#}
{% macro sum_if_complete(column) -%}
    case when count({{ column }}) = count(*) then sum({{ column }}) end
{%- endmacro %}
