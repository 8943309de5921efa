-- The current state of every KPI: per KPI and entity, the latest period (ending on or before
-- as_of) at the KPI's dashboard grain, with its name and tile for display, and whether its
-- inputs can be trusted (no stale input table, no CRITICAL issue on one).
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

trust_issues as (

    select * from {{ ref('int_kpi_trust_issues') }}

),

dashboard_grain as (

    select
        kpi_values.*,
        catalog.spec_ref,
        catalog.kpi_name,
        catalog.tile,
        row_number() over (
            partition by kpi_values.kpi_id, kpi_values.entity_type, kpi_values.entity_id
            order by kpi_values.period_start desc
        ) as recency_rank
    from kpi_values
    inner join catalog
        on
            kpi_values.kpi_id = catalog.kpi_id
            and kpi_values.grain = catalog.dashboard_grain

),

latest as (

    select * from dashboard_grain
    where recency_rank = 1

),

distrust as (

    -- A scope is a KPI's domain or its kpi_id; an issue without an entity applies to every
    -- entity, one without affected days to every period; one confined to other days to none.
    select
        latest.kpi_id,
        latest.entity_type,
        latest.entity_id,
        {{ dbt.listagg('trust_issues.trust_issue', "'; '", 'order by trust_issues.trust_issue') }} as trust_note
    from latest
    inner join catalog
        on latest.kpi_id = catalog.kpi_id
    inner join trust_issues
        on
            (catalog.domain = trust_issues.kpi_scope or latest.kpi_id = trust_issues.kpi_scope)
            and (trust_issues.entity_id is null or latest.entity_id = trust_issues.entity_id)
            and (
                trust_issues.affected_from_date is null
                or (
                    latest.period_end >= trust_issues.affected_from_date
                    and latest.period_start <= trust_issues.affected_to_date
                )
            )
    group by latest.kpi_id, latest.entity_type, latest.entity_id

),

final as (

    select
        latest.kpi_id,
        latest.spec_ref,
        latest.kpi_name,
        latest.tile,
        latest.entity_type,
        latest.entity_id,
        latest.grain,
        latest.period_start,
        latest.period_end,
        latest.value,
        latest.sample_size,
        latest.unit,
        latest.target_value,
        latest.target_min,
        latest.target_max,
        latest.status,
        latest.status_reason,
        latest.is_target_met,
        latest.as_of_date,
        distrust.trust_note,
        distrust.trust_note is null as is_trusted
    from latest
    left join distrust
        on
            latest.kpi_id = distrust.kpi_id
            and latest.entity_type = distrust.entity_type
            and latest.entity_id = distrust.entity_id

)

select * from final
