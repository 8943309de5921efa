-- Actuals per hotel and stay date, from the hotel's first extract to as_of: a night's actual is
-- its on-the-books in the extract of that very night; when that extract is missing, in the
-- nearest earlier extract (flagged is_from_earlier_extract, with source_as_of_date).
with

hotel_days as (

    select * from {{ ref('int_hotel_days_spined') }}

),

stay_nights as (

    select * from {{ ref('int_hotel_stay_nights_aggregated') }}

),

sourced as (

    -- The latest extract on or before each night (a running max over the days that have one).
    select
        hotel_id,
        capacity,
        date_day as stay_date,
        max(case when has_extract then date_day end) over (
            partition by hotel_id order by date_day rows between unbounded preceding and current row
        ) as source_as_of_date
    from hotel_days

),

actuals as (

    -- The source extract exists, so a night without reservations in it sold 0 rooms.
    select
        sourced.hotel_id,
        sourced.stay_date,
        sourced.capacity,
        sourced.source_as_of_date,
        sourced.source_as_of_date < sourced.stay_date as is_from_earlier_extract,
        coalesce(stay_nights.rooms_otb, 0) as rooms_sold,
        coalesce(stay_nights.room_revenue_otb, 0) as room_revenue
    from sourced
    left join stay_nights
        on
            sourced.hotel_id = stay_nights.hotel_id
            and sourced.source_as_of_date = stay_nights.as_of_date
            and sourced.stay_date = stay_nights.stay_date

),

final as (

    select
        hotel_id,
        stay_date,
        capacity,
        source_as_of_date,
        is_from_earlier_extract,
        rooms_sold,
        room_revenue,
        case when rooms_sold > 0 then room_revenue / rooms_sold end as adr,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(rooms_sold * 100.0 as {{ dbt.type_float() }}) / capacity as occupancy_pct,
        room_revenue / capacity as revpar,
        capacity - rooms_sold as remaining_supply
    from actuals

)

select * from final
