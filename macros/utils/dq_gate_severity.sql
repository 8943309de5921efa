{#-
    Severity of the data-quality gates: 'warn' while exploring (dev), 'error' in the scheduled
    prod build, so defective data blocks publication but never exploration. Override with
    --vars '{dq_gate_severity: error}' or env KPI_DQ_GATE_SEVERITY.
-#}
{% macro dq_gate_severity() -%}
    {{- var('dq_gate_severity', '') or env_var('KPI_DQ_GATE_SEVERITY', '') or ('error' if target.name == 'prod' else 'warn') -}}
{%- endmacro %}
