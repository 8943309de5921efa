{#- Post-hook of every base model, before record_raw_file_audit: its raw table's previous row
    in raw_file_audits goes (a statement of its own: Spark runs one per call). -#}
{% macro clear_raw_file_audit() -%}
    {{- delete_partition(target.schema ~ '.raw_file_audits', raw_file_audit_partition()) -}}
{%- endmacro %}
