-- The data-quality gate (spec 000 Q.3): an open CRITICAL issue touching a KPI period being
-- published (kpi_dq_gate) fails the scheduled prod build and only warns while exploring (dev).
-- Severity: macro dq_gate_severity.
{{ config(severity=dq_gate_severity()) }}

select * from {{ ref('kpi_dq_gate') }}
where is_gating
