{#- A sum of doubles that does not depend on the order rows arrive in (a parallel sum does): each
    value is cast to decimal, summed exactly, and the total cast back, so reruns are identical. -#}
{% macro exact_sum(expression) -%}
    cast(sum(cast({{ expression }} as decimal(38, 12))) as {{ dbt.type_float() }})
{%- endmacro %}
