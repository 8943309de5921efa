{#- corr is never NULL over a non-empty group of non-null pairs but where it is undefined. -#}
{% macro default__correlation(x, y) -%}
    coalesce(corr({{ x }}, {{ y }}), cast('NaN' as {{ dbt.type_float() }}))
{%- endmacro %}
