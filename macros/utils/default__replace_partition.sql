{% macro default__replace_partition(relation, partition, columns, query) -%}
    insert into {{ relation }} ({{ (partition.keys() | list + columns) | join(', ') }})
    select
        {%- for value in partition.values() %}
        {{ value }},
        {%- endfor %}
        {{ columns | join(', ') }}
    from ({{ query }}) as partition_rows
{%- endmacro %}
