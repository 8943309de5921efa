{#- The statement that deletes the rows of one partition, `partition` a {column: value} mapping
    (values SQL literals), before replace_partition writes it: a separate statement, since an
    engine's cursor may run one statement per call (Spark). -#}
{% macro delete_partition(relation, partition) -%}
    {{ return(adapter.dispatch('delete_partition')(relation, partition)) }}
{%- endmacro %}
