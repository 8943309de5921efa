{#-
    What a raw file holds before it is read: {'status': 'ok' | 'missing_file' | 'empty_file',
    'columns': [names in file order]}. Only the header (CSV) or the schema (Parquet) is read,
    so the base model can select the contract's columns by name whatever their order in the file.
    relation is the source (its rendering is the file path as a SQL string literal).
-#}
{% macro raw_file_header(relation, file_format) -%}
    {{ return(adapter.dispatch('raw_file_header')(relation, file_format)) }}
{%- endmacro %}
