-- Clean reservation-extract rows of clean hotels, with the length of the stay in nights.
with

extracts as (

    {{ staged_rows('hotel', 'reservation_extracts', parents=[
        {'model': 'stg_hotel__hotels', 'columns': ['hotel_id']},
    ]) }}

),

final as (

    select
        *,
        -- The stay occupies the nights [arrival_date, departure_date): 1 .. hotel_max_stay_nights.
        {{ dbt.datediff('arrival_date', 'departure_date', 'day') }} as stay_nights
    from extracts

)

select * from final
