{#- Spark: a static partition overwrite replaces the partition's rows (no DELETE on Parquet). -#}
{% macro spark__replace_partition(relation, partition, columns, query) -%}
    {%- set spec = [] -%}
    {%- for column, value in partition.items() -%}
        {%- do spec.append(column ~ ' = ' ~ value) -%}
    {%- endfor -%}
    insert overwrite table {{ relation }} partition ({{ spec | join(', ') }}) ({{ columns | join(', ') }})
    select {{ columns | join(', ') }}
    from ({{ query }}) as partition_rows
{%- endmacro %}
