{#- Spark: nothing to delete (Parquet tables have no DELETE): spark__replace_partition
    overwrites the partition. An empty hook is not run. -#}
{% macro spark__delete_partition(relation, partition) -%}
{%- endmacro %}
