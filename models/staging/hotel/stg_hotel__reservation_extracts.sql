-- Clean reservation-extract rows: those of base_hotel__reservation_extracts that passed every check.
with

extracts as (

    select * from {{ ref('base_hotel__reservation_extracts') }}

),

final as (

    select
        hotel_id,
        as_of_date,
        reservation_id,
        reservation_status,
        arrival_date,
        departure_date,
        stay_nights,
        rooms,
        room_revenue,
        created_at,
        cancelled_at,
        segment,
        channel,
        loaded_at
    from extracts
    where quarantine_reason is null

)

select * from final
