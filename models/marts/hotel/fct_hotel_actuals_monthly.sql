-- Actuals per hotel and calendar month up to as_of (the current month is month-to-date):
-- span ratios over the nights of the period, occupancy = room nights / (capacity x nights).
with

daily as (

    select * from {{ ref('fct_hotel_actuals_daily') }}

),

monthly as (

    select
        hotel_id,
        cast({{ dbt.date_trunc('month', 'stay_date') }} as date) as month_start,
        max(stay_date) as period_end,
        count(*) as nights_in_period,
        sum(capacity) as available_room_nights,
        sum(rooms_sold) as rooms_sold,
        {{ exact_sum('room_revenue') }} as room_revenue,
        sum(case when is_from_earlier_extract then 1 else 0 end) as nights_from_earlier_extract
    from daily
    group by hotel_id, cast({{ dbt.date_trunc('month', 'stay_date') }} as date)

),

final as (

    select
        *,
        case when rooms_sold > 0 then room_revenue / rooms_sold end as adr,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(rooms_sold * 100.0 as {{ dbt.type_float() }}) / available_room_nights as occupancy_pct,
        room_revenue / available_room_nights as revpar
    from monthly

)

select * from final
