{#- An average that reruns reproduce to the last bit (see exact_sum). -#}
{% macro exact_avg(expression) -%}
    cast(avg(cast({{ expression }} as decimal(38, 12))) as {{ dbt.type_float() }})
{%- endmacro %}
