-- The current state of every KPI: per KPI and entity, the latest period (ending on or before
-- as_of) at the KPI's dashboard grain, with its name and tile for display.
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

catalog as (

    select * from {{ ref('kpi_catalog') }}

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

final as (

    select
        kpi_id,
        spec_ref,
        kpi_name,
        tile,
        entity_type,
        entity_id,
        grain,
        period_start,
        period_end,
        value,
        unit,
        target_value,
        target_min,
        target_max,
        status,
        is_target_met,
        as_of_date
    from dashboard_grain
    where recency_rank = 1

)

select * from final
