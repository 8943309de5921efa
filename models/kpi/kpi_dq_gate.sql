-- The data-quality gate (spec 000 Q.3, the prod build's gate): every issue detected as of
-- as_of (open or acknowledged) with whether it touches a KPI period being published. A table's
-- published periods are the current ones (as_of's week, month, trailing windows ...) of the
-- KPIs it feeds (seed kpi_inputs); a table that feeds none is judged on the widest of them. A
-- table issue (a stale, missing or malformed file) touches them all. Gating: CRITICAL, open
-- (not acknowledged) and in scope; a defect confined to history is on record but does not
-- block tonight's publication.
with

issues as (

    select * from {{ ref('fct_dq_issues') }}
    where issue_state != 'resolved'

),

inputs as (

    select * from {{ ref('kpi_inputs') }}

),

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

kpi_periods as (

    select
        kpi_id,
        domain,
        {{ current_period_start('dashboard_grain') }} as current_period_start
    from catalog

),

table_periods as (

    select
        inputs.source_system,
        inputs.source_table,
        min(kpi_periods.current_period_start) as current_period_start
    from inputs
    inner join kpi_periods
        on inputs.kpi_scope = kpi_periods.domain or inputs.kpi_scope = kpi_periods.kpi_id
    group by inputs.source_system, inputs.source_table

),

widest_period as (

    select min(current_period_start) as current_period_start
    from kpi_periods

),

periods_published as (

    select
        issues.*,
        coalesce(table_periods.current_period_start, widest_period.current_period_start) as current_period_start
    from issues
    cross join widest_period
    left join table_periods
        on
            issues.source_system = table_periods.source_system
            and issues.source_table = table_periods.source_table

),

scoped as (

    select
        *,
        affected_to_date is null or affected_to_date >= current_period_start as is_in_scope
    from periods_published

),

final as (

    select
        issue_id,
        source_system,
        source_table,
        check_name,
        severity,
        entity_id,
        issue_state,
        is_new,
        affected_from_date,
        affected_to_date,
        current_period_start,
        is_in_scope,
        severity = 'CRITICAL' and issue_state = 'open' and is_in_scope as is_gating
    from scoped

)

select * from final
