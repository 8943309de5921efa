-- Every raw hotel row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('hotel', 'hotels') }}

),

typed as (

    select
        trim(hotel_id) as hotel_id,
        trim(hotel_name) as hotel_name,
        {{ dbt.safe_cast('capacity', dbt.type_int()) }} as capacity,
        trim(timezone) as timezone,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when hotel_id is null then 'null_key'
            -- Occupancy divides by capacity: a hotel without rooms cannot be reported on.
            when capacity is null or capacity <= 0 then 'invalid_number'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        row_number() over (
            partition by hotel_id, row_defect
            order by loaded_at desc, capacity desc, hotel_name asc
        ) as copy_number
    from checked

),

final as (

    select
        hotel_id,
        hotel_name,
        capacity,
        timezone,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
