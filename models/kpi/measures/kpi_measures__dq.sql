-- Spec 000 Data Quality KPIs (Q.1-Q.3) as of as_of: per raw table, and for the warehouse as a
-- whole (the worst freshness, the average completeness, the count of CRITICAL issues).
with

table_health as (

    select * from {{ ref('fct_dq_table_health') }}

),

issues as (

    select * from {{ ref('fct_dq_issues') }}

),

per_table as (

    select
        {{ dbt.concat(['source_system', "'.'", 'source_table']) }} as table_id,
        hours_since_load,
        is_freshness_tracked,
        completeness_pct,
        {{ as_of_date() }} as as_of_day
    from table_health

),

warehouse as (

    select
        'all' as warehouse_id,
        -- Daily feeds only: a table with its own cadence (a weekly snapshot) is judged on its
        -- own row with its own bounds, and a stale one still counts in dq.critical_issues.
        max(case when not has_own_freshness_bounds then hours_since_load end) as worst_hours_since_load,
        -- Averaged in decimal: a double average depends on row order, and reruns must be exact.
        cast(avg(cast(completeness_pct as decimal(38, 12))) as {{ dbt.type_float() }}) as avg_completeness_pct,
        {{ as_of_date() }} as as_of_day
    from table_health

),

critical_issues as (

    -- A count over the issue log: zero issues is a real 0, not missing data.
    select
        'all' as warehouse_id,
        sum(case when severity = 'CRITICAL' then 1 else 0 end) as critical_issue_count,
        {{ as_of_date() }} as as_of_day
    from issues

),

measures as (

    {{ kpi_measure('dq.freshness', 'per_table', 'table', 'table_id', 'day', 'as_of_day', 'as_of_day', 'hours_since_load') }}
    -- Tables without load times (a static data set) have no freshness to report.
    where is_freshness_tracked
    union all
    {{ kpi_measure('dq.freshness', 'warehouse', 'warehouse', 'warehouse_id', 'day', 'as_of_day', 'as_of_day', 'worst_hours_since_load') }}
    union all
    {{ kpi_measure('dq.completeness', 'per_table', 'table', 'table_id', 'day', 'as_of_day', 'as_of_day', 'completeness_pct') }}
    union all
    {{ kpi_measure('dq.completeness', 'warehouse', 'warehouse', 'warehouse_id', 'day', 'as_of_day', 'as_of_day', 'avg_completeness_pct') }}
    union all
    {{ kpi_measure('dq.critical_issues', 'critical_issues', 'warehouse', 'warehouse_id', 'day', 'as_of_day', 'as_of_day', 'coalesce(critical_issue_count, 0)') }}

),

final as (

    select * from measures

)

select * from final
