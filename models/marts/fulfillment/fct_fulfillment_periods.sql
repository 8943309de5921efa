-- The fulfillment rate and average of spec 000 (3.2, 3.3) per merchant, over each day and over
-- the trailing windows ending on it (var kpi_trailing_windows): a day with 3 orders due is no
-- verdict, its last 7 and 30 days are. Each KPI keeps its own cohort (orders due in the window
-- for 3.2, orders fulfilled in it for 3.3); an empty cohort gives NULL (NO_DATA).
with

daily as (

    select * from {{ ref('fct_fulfillment_daily') }}

),

window_days as (

    {{ trailing_window_days() }}

),

periods as (

    select
        daily.merchant_id,
        window_days.grain,
        {{ add_days('1 - window_days.window_days', 'daily.date_day') }} as period_start,
        daily.date_day as period_end
    from daily
    cross join window_days
    where window_days.day_offset = 0

),

day_periods as (

    -- Each day's cohorts once in every window that contains the day.
    select
        daily.merchant_id,
        daily.orders_due,
        daily.sla_breaches,
        daily.orders_fulfilled,
        daily.days_to_fulfill_total,
        window_days.grain,
        {{ add_days('window_days.day_offset', 'daily.date_day') }} as period_end
    from daily
    cross join window_days

),

aggregated as (

    select
        merchant_id,
        grain,
        period_end,
        sum(orders_due) as orders_due,
        sum(sla_breaches) as sla_breaches,
        sum(orders_fulfilled) as orders_fulfilled,
        sum(days_to_fulfill_total) as days_to_fulfill_total
    from day_periods
    group by merchant_id, grain, period_end

),

final as (

    select
        periods.merchant_id,
        periods.grain,
        periods.period_start,
        periods.period_end,
        aggregated.orders_due,
        aggregated.sla_breaches,
        aggregated.orders_fulfilled,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(aggregated.sla_breaches * 100.0 as {{ dbt.type_float() }}) / nullif(aggregated.orders_due, 0) as sla_breach_rate_pct,
        cast(aggregated.days_to_fulfill_total as {{ dbt.type_float() }})
        / nullif(aggregated.orders_fulfilled, 0) as avg_days_to_fulfill
    from periods
    inner join aggregated
        on
            periods.merchant_id = aggregated.merchant_id
            and periods.grain = aggregated.grain
            and periods.period_end = aggregated.period_end

)

select * from final
