{#- The raw_file_audits partition (its key, as SQL literals) of the base model being built. -#}
{% macro raw_file_audit_partition() -%}
    {%- set parts = this.identifier[5:].split('__') -%}
    {{- return({'source_system': "'" ~ parts[0] ~ "'", 'source_table': "'" ~ parts[1] ~ "'"}) -}}
{%- endmacro %}
