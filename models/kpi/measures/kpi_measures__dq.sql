-- Spec 000 Data Quality KPIs (Q.1-Q.3) as of as_of: per raw table, and for the warehouse as a
-- whole (the worst freshness, the average completeness, the count of CRITICAL issues that
-- gate publication: open and touching a KPI period being published, kpi_dq_gate).
with

table_health as (

    select * from {{ ref('fct_dq_table_health') }}

),

gate as (

    select * from {{ ref('kpi_dq_gate') }}

),

per_table as (

    select
        {{ dbt.concat(['source_system', "'.'", 'source_table']) }} as table_id,
        hours_since_load,
        freshness_target_hours,
        is_freshness_tracked,
        completeness_pct,
        required_cell_count,
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
        {{ exact_avg('completeness_pct') }} as avg_completeness_pct,
        count(completeness_pct) as table_count,
        {{ as_of_date() }} as as_of_day
    from table_health

),

critical_issues as (

    -- A count over the issue log: zero issues is a real 0, not missing data.
    select
        'all' as warehouse_id,
        sum(case when is_gating then 1 else 0 end) as critical_issue_count,
        {{ as_of_date() }} as as_of_day
    from gate

),

health as (

    -- The table rows and the warehouse row in one shape, so each KPI below is declared once.
    select
        'table' as entity_type,
        table_id as entity_id,
        is_freshness_tracked,
        hours_since_load,
        freshness_target_hours,
        completeness_pct,
        required_cell_count as completeness_sample_size,
        as_of_day
    from per_table
    union all
    select
        'warehouse' as entity_type,
        warehouse_id as entity_id,
        true as is_freshness_tracked,
        worst_hours_since_load as hours_since_load,
        -- Over daily feeds only, so the catalog's 24 h.
        cast(null as {{ dbt.type_float() }}) as freshness_target_hours,
        avg_completeness_pct as completeness_pct,
        table_count as completeness_sample_size,
        as_of_day
    from warehouse

),

measures as (

    -- Tables without load times (a static data set) have no freshness to report. A table with
    -- its own cadence is judged against its own target (fct_dq_table_health).
    {{ kpi_measure(
        kpi_id='dq.freshness', relation='health', value='hours_since_load', target_value='freshness_target_hours', where='is_freshness_tracked',
        entity_type=['table', 'warehouse'], entity_id='entity_id', grain='day', period_start='as_of_day', period_end='as_of_day'
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='dq.completeness', relation='health', value='completeness_pct', sample_size='completeness_sample_size',
        entity_type=['table', 'warehouse'], entity_id='entity_id', grain='day', period_start='as_of_day', period_end='as_of_day'
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='dq.critical_issues', relation='critical_issues', value='coalesce(critical_issue_count, 0)',
        entity_type='warehouse', entity_id='warehouse_id', grain='day', period_start='as_of_day', period_end='as_of_day'
    ) }}

),

final as (

    select * from measures

)

select * from final
