-- The big fact of spec 003: one row per hotel, extract (as_of_date) and stay date, for the
-- stay dates as_of_date .. as_of_date + hotel_otb_horizon_days - 1 (empty stay dates included,
-- with 0 rooms). On the books, ADR, occupancy, RevPAR and remaining supply; day-over-day;
-- pickup per window with its reference extract; pace against same time last year (STLY).
-- Definitions: docs/hotel.md and the hotel.* rows of the KPI catalog.
-- Incremental: a nightly run computes only the extracts not yet in the table. A row depends
-- on its own extract and earlier ones only, so it never changes once written.
{%- set windows = var('hotel_pickup_windows') %}
with

extracts as (

    select * from {{ ref('int_hotel_extracts_listed') }}

),

hotels as (

    select * from {{ ref('stg_hotel__hotels') }}

),

stay_nights as (

    select * from {{ ref('int_hotel_stay_nights_aggregated') }}

),

references_ as (

    select * from {{ ref('int_hotel_reference_extracts_matched') }}

),

stly_references as (

    select * from {{ ref('int_hotel_stly_extracts_matched') }}

),

lead_days as (

    select generated_number - 1 as lead_days
    from ({{ dbt.generate_series(var('hotel_otb_horizon_days')) }}) as numbers

),

{% if is_incremental() -%}
loaded_extracts as (

    select distinct
        hotel_id,
        as_of_date
    from {{ this }}

),

{% endif -%}
new_extracts as (

    select
        extracts.hotel_id,
        extracts.as_of_date,
        hotels.capacity
    from extracts
    inner join hotels
        on extracts.hotel_id = hotels.hotel_id
    {%- if is_incremental() %}
        left join loaded_extracts
            on
                extracts.hotel_id = loaded_extracts.hotel_id
                and extracts.as_of_date = loaded_extracts.as_of_date
        where loaded_extracts.hotel_id is null
    {%- endif %}

),

grid as (

    select
        new_extracts.hotel_id,
        new_extracts.as_of_date,
        new_extracts.capacity,
        lead_days.lead_days,
        {{ add_days('lead_days.lead_days', 'new_extracts.as_of_date') }} as stay_date,
        -- STLY reference extracts must not postdate last year's stay date (see the STLY model).
        case when lead_days.lead_days < 7 then lead_days.lead_days else 7 end as stly_lead_cap
    from new_extracts
    cross join lead_days

),

on_the_books as (

    -- The extract exists, so a stay date without reservations is a true 0, not a missing value.
    select
        grid.*,
        coalesce(stay_nights.rooms_otb, 0) as rooms_otb,
        coalesce(stay_nights.room_revenue_otb, 0) as room_revenue_otb
    from grid
    left join stay_nights
        on
            grid.hotel_id = stay_nights.hotel_id
            and grid.as_of_date = stay_nights.as_of_date
            and grid.stay_date = stay_nights.stay_date

),

with_references as (

    -- Each reference extract's OTB for the same stay date (macro reference_otb: NULL without one).
    select
        on_the_books.*,
        dod_reference.ref_as_of_date as dod_ref_as_of_date,
        {{ reference_otb('dod_reference.ref_as_of_date', 'dod_nights.rooms_otb') }} as dod_ref_rooms,
        {{ reference_otb('dod_reference.ref_as_of_date', 'dod_nights.room_revenue_otb') }} as dod_ref_rev,
        {%- for window in windows %}
            {%- set w = 'pickup_' ~ window.days ~ 'd' %}
            {{ w }}_reference.ref_as_of_date as {{ w }}_ref_as_of_date,
            {{ w }}_reference.ref_delta_days as {{ w }}_delta_days,
            {{ w }}_reference.is_scaled as {{ w }}_is_scaled,
            {{ reference_otb(w ~ '_reference.ref_as_of_date', w ~ '_nights.rooms_otb') }} as {{ w }}_ref_rooms,
            {{ reference_otb(w ~ '_reference.ref_as_of_date', w ~ '_nights.room_revenue_otb') }} as {{ w }}_ref_rev,
        {%- endfor %}
        stly_reference.stly_as_of_date,
        stly_reference.stly_is_approx,
        {{ add_days(-364, 'on_the_books.stay_date') }} as stly_stay_date,
        {{ reference_otb('stly_reference.stly_as_of_date', 'stly_nights.rooms_otb') }} as stly_rooms,
        {{ reference_otb('stly_reference.stly_as_of_date', 'stly_nights.room_revenue_otb') }} as stly_rev
    from on_the_books
    left join references_ as dod_reference
        on
            on_the_books.hotel_id = dod_reference.hotel_id
            and on_the_books.as_of_date = dod_reference.as_of_date
            and dod_reference.reference_kind = 'dod'
    left join stay_nights as dod_nights
        on
            on_the_books.hotel_id = dod_nights.hotel_id
            and dod_reference.ref_as_of_date = dod_nights.as_of_date
            and on_the_books.stay_date = dod_nights.stay_date
    {%- for window in windows %}
        {%- set w = 'pickup_' ~ window.days ~ 'd' %}
        left join references_ as {{ w }}_reference
            on
                on_the_books.hotel_id = {{ w }}_reference.hotel_id
                and on_the_books.as_of_date = {{ w }}_reference.as_of_date
                and {{ w }}_reference.reference_kind = 'pickup'
                and {{ w }}_reference.window_days = {{ window.days }}
        left join stay_nights as {{ w }}_nights
            on
                on_the_books.hotel_id = {{ w }}_nights.hotel_id
                and {{ w }}_reference.ref_as_of_date = {{ w }}_nights.as_of_date
                and on_the_books.stay_date = {{ w }}_nights.stay_date
    {%- endfor %}
    left join stly_references as stly_reference
        on
            on_the_books.hotel_id = stly_reference.hotel_id
            and on_the_books.as_of_date = stly_reference.as_of_date
            and on_the_books.stly_lead_cap = stly_reference.lead_cap
    left join stay_nights as stly_nights
        on
            on_the_books.hotel_id = stly_nights.hotel_id
            and stly_reference.stly_as_of_date = stly_nights.as_of_date
            and {{ add_days(-364, 'on_the_books.stay_date') }} = stly_nights.stay_date

),

final as (

    select
        hotel_id,
        as_of_date,
        stay_date,
        lead_days,
        capacity,
        rooms_otb,
        room_revenue_otb,
        case when rooms_otb > 0 then room_revenue_otb / rooms_otb end as adr_otb,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(rooms_otb * 100.0 as {{ dbt.type_float() }}) / capacity as occupancy_pct_otb,
        room_revenue_otb / capacity as revpar_otb,
        -- Not clamped: an overbooked night shows a negative remaining supply.
        capacity - rooms_otb as remaining_supply,
        dod_ref_as_of_date,
        rooms_otb - dod_ref_rooms as dod_delta_rooms,
        room_revenue_otb - dod_ref_rev as dod_delta_rev,
        {%- for window in windows %}
            {%- set w = 'pickup_' ~ window.days ~ 'd' %}
            {{ w }}_ref_as_of_date,
            {{ w }}_delta_days,
            {{ w }}_is_scaled,
            {{ scaled_pickup('rooms_otb', w ~ '_ref_rooms', w ~ '_is_scaled', w ~ '_delta_days', window.days) }} as {{ w }}_rooms,
            {{ scaled_pickup('room_revenue_otb', w ~ '_ref_rev', w ~ '_is_scaled', w ~ '_delta_days', window.days) }} as {{ w }}_rev,
        {%- endfor %}
        stly_as_of_date,
        stly_stay_date,
        stly_is_approx,
        stly_rooms,
        stly_rev,
        rooms_otb - stly_rooms as pace_rooms,
        room_revenue_otb - stly_rev as pace_rev,
        case when stly_rooms > 0 then cast((rooms_otb - stly_rooms) * 100.0 as {{ dbt.type_float() }}) / stly_rooms end as pace_rooms_pct,
        case when stly_rev > 0 then cast((room_revenue_otb - stly_rev) * 100.0 as {{ dbt.type_float() }}) / stly_rev end as pace_rev_pct
    from with_references

)

select * from final
