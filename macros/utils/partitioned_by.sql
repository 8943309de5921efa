{#- The clause of a `create table (columns)` statement that partitions the table by `columns`,
    where partitions are how rows get replaced (replace_partition): none where DELETE works. -#}
{% macro partitioned_by(columns) -%}
    {{ return(adapter.dispatch('partitioned_by')(columns)) }}
{%- endmacro %}
