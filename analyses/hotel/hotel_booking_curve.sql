{{ config(enabled=source_system_enabled('hotel')) }}
-- The booking curve a revenue manager reads beside pace: per hotel and stay month, the average
-- occupancy on the books at fixed lead times before the night (90, 60, 30, 14, 7 days and the
-- night itself), from the extracts that exist (a missing extract is left out, not read as 0).
with

otb as (

    select * from {{ ref('fct_hotel_otb_daily') }}

),

curve_points as (

    select
        hotel_id,
        cast({{ dbt.date_trunc('month', 'stay_date') }} as date) as stay_month,
        lead_days,
        occupancy_pct_otb
    from otb
    where lead_days in (0, 7, 14, 30, 60, 90)

),

final as (

    select
        hotel_id,
        stay_month,
        avg(case when lead_days = 90 then occupancy_pct_otb end) as occupancy_pct_at_90d,
        avg(case when lead_days = 60 then occupancy_pct_otb end) as occupancy_pct_at_60d,
        avg(case when lead_days = 30 then occupancy_pct_otb end) as occupancy_pct_at_30d,
        avg(case when lead_days = 14 then occupancy_pct_otb end) as occupancy_pct_at_14d,
        avg(case when lead_days = 7 then occupancy_pct_otb end) as occupancy_pct_at_7d,
        avg(case when lead_days = 0 then occupancy_pct_otb end) as occupancy_pct_on_the_night
    from curve_points
    group by hotel_id, stay_month

)

select * from final
