{#- The statement that writes the rows of `query` (its columns named as `columns`) as the
    partition `partition` of `relation` ({column: SQL literal}), after delete_partition emptied
    it where the engine deletes. -#}
{% macro replace_partition(relation, partition, columns, query) -%}
    {{ return(adapter.dispatch('replace_partition')(relation, partition, columns, query)) }}
{%- endmacro %}
