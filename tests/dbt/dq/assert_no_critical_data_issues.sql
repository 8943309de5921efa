-- The data-quality gate (spec 000 Q.3): any CRITICAL issue fails the scheduled prod build and
-- only warns while exploring (dev). Severity: macro dq_gate_severity.
{{ config(severity=dq_gate_severity()) }}

select * from {{ ref('fct_dq_issues') }}
where severity = 'CRITICAL'
