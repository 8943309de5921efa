-- Clean hotels: the rows of base_hotel__hotels that passed every check (the rest are quarantined).
with

hotels as (

    select * from {{ ref('base_hotel__hotels') }}

),

final as (

    select
        hotel_id,
        hotel_name,
        capacity,
        timezone,
        loaded_at
    from hotels
    where quarantine_reason is null

)

select * from final
