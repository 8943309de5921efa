{% macro default__delete_partition(relation, partition) -%}
    delete from {{ relation }}
    where
        {%- for column, value in partition.items() %}
        {{ column }} = {{ value }}{{ ' and' if not loop.last }}
        {%- endfor %}
{%- endmacro %}
