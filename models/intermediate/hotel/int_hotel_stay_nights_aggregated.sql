-- On the books (OTB) per hotel, extract (as_of_date) and stay date, for every stay date on or
-- after the extract's date that has at least one room booked (sparse: a stay date absent from
-- an extract that exists has 0 rooms). A stay occupies the nights [arrival_date, departure_date);
-- each night carries the reservation's rooms and an even share of its room revenue.
-- Cancelled and no-show reservations are not on the books.
-- Incremental: a run adds only the extracts (hotel, as_of_date) not yet in the table; an
-- extract's rows never change once it exists. A late extract for a past day is added too, but
-- rows of later extracts that referenced it need `--full-refresh` (docs/hotel.md).
with

extracts as (

    select * from {{ ref('stg_hotel__reservation_extracts') }}

),

night_offsets as (

    {{ dbt.generate_series(var('hotel_max_stay_nights')) }}

),

{% if is_incremental() -%}
loaded_extracts as (

    select distinct
        hotel_id,
        as_of_date
    from {{ this }}

),

{% endif -%}
booked as (

    select * from extracts
    where
        as_of_date <= {{ as_of_date() }}
        and reservation_status not in ('cancelled', 'no_show')

),

new_rows as (

    select booked.*
    from booked
    {%- if is_incremental() %}
        left join loaded_extracts
            on
                booked.hotel_id = loaded_extracts.hotel_id
                and booked.as_of_date = loaded_extracts.as_of_date
        where loaded_extracts.hotel_id is null
    {%- endif %}

),

nights as (

    select
        new_rows.hotel_id,
        new_rows.as_of_date,
        new_rows.reservation_id,
        {{ add_days('night_offsets.generated_number - 1', 'new_rows.arrival_date') }} as stay_date,
        new_rows.rooms,
        new_rows.room_revenue / new_rows.stay_nights as night_room_revenue
    from new_rows
    inner join night_offsets
        on new_rows.stay_nights >= night_offsets.generated_number

),

final as (

    select
        hotel_id,
        as_of_date,
        stay_date,
        count(*) as reservations_otb,
        sum(rooms) as rooms_otb,
        {{ exact_sum('night_room_revenue') }} as room_revenue_otb
    from nights
    -- Nights already past on the extract's date are history, not on the books.
    where stay_date >= as_of_date
    group by hotel_id, as_of_date, stay_date

)

select * from final
