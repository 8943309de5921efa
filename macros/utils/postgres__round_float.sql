{#- PostgreSQL rounds to decimals only numerics (round(double precision, integer) does not exist). -#}
{% macro postgres__round_float(expression, digits) -%}
    cast(round(cast({{ expression }} as numeric), {{ digits }}) as {{ dbt.type_float() }})
{%- endmacro %}
