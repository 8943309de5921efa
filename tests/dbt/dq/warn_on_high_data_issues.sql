-- Open HIGH issues are worth a look but never block a build.
{{ config(severity='warn') }}

select * from {{ ref('fct_dq_issues') }}
where severity = 'HIGH' and issue_state = 'open'
