-- Every raw reservation-extract row, typed, with the reason it cannot be used (null when it can).
-- Key: hotel_id, as_of_date, reservation_id (a reservation appears once in each nightly extract).
with

source as (

    select * from {{ source('hotel', 'reservation_extracts') }}

),

hotel_keys as (

    -- A row is only as usable as its hotel: known and with at least one clean copy.
    {{ clean_parent_keys('base_hotel__hotels', ['hotel_id'], 'has_clean_hotel') }}

),

typed as (

    select
        trim(hotel_id) as hotel_id,
        trim(as_of_date) as as_of_date_raw,
        {{ dbt.safe_cast('as_of_date', 'date') }} as as_of_date,
        trim(reservation_id) as reservation_id,
        lower(trim(status)) as reservation_status,
        {{ dbt.safe_cast('arrival_date', 'date') }} as arrival_date,
        {{ dbt.safe_cast('departure_date', 'date') }} as departure_date,
        {{ dbt.safe_cast('rooms', dbt.type_int()) }} as rooms,
        {{ dbt.safe_cast('room_revenue', dbt.type_numeric()) }} as room_revenue,
        created_at as created_at_raw,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        cancelled_at as cancelled_at_raw,
        {{ dbt.safe_cast('cancelled_at', dbt.type_timestamp()) }} as cancelled_at,
        lower(trim(segment)) as segment,
        lower(trim(channel)) as channel,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.hotel_id is null or typed.reservation_id is null
                or typed.as_of_date_raw is null then 'null_key'
            when typed.as_of_date is null then 'invalid_timestamp'
            when typed.arrival_date is null or typed.departure_date is null then 'invalid_timestamp'
            when typed.created_at is null then 'invalid_timestamp'
            when typed.cancelled_at_raw is not null and typed.cancelled_at is null then 'invalid_timestamp'
            -- A stay is the nights [arrival, departure): at least one night, at most hotel_max_stay_nights.
            when {{ dbt.datediff('typed.arrival_date', 'typed.departure_date', 'day') }} < 1 then 'invalid_number'
            when
                {{ dbt.datediff('typed.arrival_date', 'typed.departure_date', 'day') }}
                > {{ var('hotel_max_stay_nights') }} then 'invalid_number'
            when typed.rooms is null or typed.rooms <= 0 then 'invalid_number'
            when typed.room_revenue is null or typed.room_revenue < 0 then 'invalid_number'
            when typed.reservation_status not in (
                'confirmed', 'cancelled', 'no_show', 'checked_in', 'checked_out'
            ) then 'invalid_enum'
            when hotel_keys.hotel_id is null then 'orphan_key'
            when not hotel_keys.has_clean_hotel then 'parent_quarantined'
        end as row_defect
    from typed
    left join hotel_keys
        on typed.hotel_id = hotel_keys.hotel_id

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest load wins; identical copies tie harmlessly.
        row_number() over (
            partition by hotel_id, as_of_date, reservation_id, row_defect
            order by loaded_at desc, room_revenue desc, rooms desc
        ) as copy_number
    from checked

),

final as (

    select
        hotel_id,
        as_of_date,
        reservation_id,
        reservation_status,
        arrival_date,
        departure_date,
        {{ dbt.datediff('arrival_date', 'departure_date', 'day') }} as stay_nights,
        rooms,
        room_revenue,
        created_at,
        cancelled_at,
        segment,
        channel,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
