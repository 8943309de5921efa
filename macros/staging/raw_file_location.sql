{#- Where a raw table was read from, as a SQL string literal (raw_file_audits.file_path). -#}
{% macro raw_file_location(relation) -%}
    {{ return(adapter.dispatch('raw_file_location')(relation)) }}
{%- endmacro %}
