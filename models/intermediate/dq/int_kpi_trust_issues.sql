-- Why a KPI's numbers should not be acted on: per KPI scope (a domain, or one kpi_id), entity
-- (null = every entity) and affected days (null = every period), an input table that is stale
-- (spec 000 Q.1 RED) or has a CRITICAL data-quality issue detected now (open or acknowledged:
-- an acknowledgement lets the build publish, the numbers stay affected). kpi_dashboard applies
-- it to the KPI periods it touches. Which tables feed which KPIs is data (seed kpi_inputs).
with

inputs as (

    select * from {{ ref('kpi_inputs') }}

),

table_health as (

    select * from {{ ref('fct_dq_table_health') }}

),

issues as (

    select * from {{ ref('fct_dq_issues') }}

),

stale_inputs as (

    select
        inputs.kpi_scope,
        cast(null as {{ dbt.type_string() }}) as entity_id,
        cast(null as date) as affected_from_date,
        cast(null as date) as affected_to_date,
        {{ dbt.concat(["'stale input '", 'inputs.source_system', "'.'", 'inputs.source_table']) }} as trust_issue
    from inputs
    inner join table_health
        on
            inputs.source_system = table_health.source_system
            and inputs.source_table = table_health.source_table
    where table_health.freshness_status in ('stale', 'no_data')

),

critical_inputs as (

    select
        inputs.kpi_scope,
        issues.entity_id,
        issues.affected_from_date,
        issues.affected_to_date,
        {{ dbt.concat(["'critical '", 'issues.check_name', "' in '", 'inputs.source_system', "'.'", 'inputs.source_table']) }} as trust_issue
    from inputs
    inner join issues
        on
            inputs.source_system = issues.source_system
            and inputs.source_table = issues.source_table
    -- Freshness is stale_inputs' job; this adds every other CRITICAL check.
    where
        issues.severity = 'CRITICAL'
        and issues.issue_state != 'resolved'
        and issues.check_name not in ('stale_table', 'empty_table')

),

final as (

    select distinct * from stale_inputs
    union
    select distinct * from critical_inputs

)

select * from final
