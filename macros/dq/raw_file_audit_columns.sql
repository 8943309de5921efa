{#- The columns of raw_file_audits but its key (source_system, source_table), as (name, type):
    declared once for the table (create_raw_file_audits) and its writer (record_raw_file_audit). -#}
{% macro raw_file_audit_columns() -%}
    {{- return([
        ('file_path', dbt.type_string()),
        ('file_format', dbt.type_string()),
        ('file_status', dbt.type_string()),
        ('missing_required_columns', dbt.type_string()),
        ('missing_optional_columns', dbt.type_string()),
        ('extra_columns', dbt.type_string()),
        ('lines_read', dbt.type_bigint()),
        ('lines_rejected', dbt.type_bigint()),
        ('invocation_id', dbt.type_string()),
    ]) -}}
{%- endmacro %}
