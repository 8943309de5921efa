-- Every KPI series with the bands in force in each period and its status, for trend queries
-- (spec 001 kpi_trend): stored sorted by entity, KPI, grain and period, so that DuckDB's zone
-- maps let a rolling N-period query for one entity and KPI read only its own row groups.
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

final as (

    select
        entity_type,
        entity_id,
        kpi_id,
        grain,
        period_start,
        period_end,
        value,
        sample_size,
        unit,
        target_value,
        red_below,
        yellow_below,
        yellow_above,
        red_above,
        status,
        status_reason
    from kpi_values

)

select * from final
order by entity_type, entity_id, kpi_id, grain, period_start
