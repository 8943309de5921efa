{#- on-run-start: SQL functions an engine lacks that the project's macros call (none on DuckDB). -#}
{% macro create_engine_functions() -%}
    {{ return(adapter.dispatch('create_engine_functions')()) }}
{%- endmacro %}
