-- One row per hotel, with its capacity and the span and gaps of its extract history.
with

hotels as (

    select * from {{ ref('stg_hotel__hotels') }}

),

hotel_days as (

    select * from {{ ref('int_hotel_days_spined') }}

),

history as (

    select
        hotel_id,
        min(case when has_extract then date_day end) as first_extract_date,
        max(case when has_extract then date_day end) as last_extract_date,
        sum(case when has_extract then 1 else 0 end) as extract_days,
        sum(case when has_extract then 0 else 1 end) as missing_extract_days
    from hotel_days
    group by hotel_id

),

final as (

    select
        hotels.hotel_id,
        hotels.hotel_name,
        hotels.capacity,
        hotels.timezone,
        history.first_extract_date,
        history.last_extract_date,
        coalesce(history.extract_days, 0) as extract_days,
        coalesce(history.missing_extract_days, 0) as missing_extract_days
    from hotels
    left join history
        on hotels.hotel_id = history.hotel_id

)

select * from final
