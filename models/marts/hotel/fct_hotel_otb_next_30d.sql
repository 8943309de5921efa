-- The on-the-books summary a revenue manager reads each morning: per hotel and extract day (every
-- day from the hotel's first extract to as_of; a day without extract has NULL measures), the
-- stay dates as_of_date .. as_of_date + 29 taken together. Span ratios: ADR = revenue / room
-- nights, occupancy = room nights / (capacity x 30), RevPAR = revenue / (capacity x 30).
-- Pickup, DOD and pace are NULL when their reference is missing for any night of the span.
{%- set windows = var('hotel_pickup_windows') %}
{%- if var('hotel_otb_horizon_days') < 30 %}
    {{ exceptions.raise_compiler_error('hotel_otb_horizon_days must be at least 30 for the next-30-day summary') }}
{%- endif %}
with

hotel_days as (

    select * from {{ ref('int_hotel_days_spined') }}

),

otb as (

    select * from {{ ref('fct_hotel_otb_daily') }}

),

next_30d as (

    select
        hotel_id,
        as_of_date,
        count(*) as stay_dates,
        sum(capacity) as available_room_nights,
        sum(rooms_otb) as rooms_otb,
        {{ exact_sum('room_revenue_otb') }} as room_revenue_otb,
        sum(remaining_supply) as remaining_supply,
        sum(case when lead_days = 0 then remaining_supply end) as remaining_supply_tonight,
        {{ sum_if_complete('dod_delta_rooms') }} as dod_delta_rooms,
        {{ sum_if_complete('dod_delta_rev') }} as dod_delta_rev,
        {%- for window in windows %}
            {%- set w = 'pickup_' ~ window.days ~ 'd' %}
            {{ sum_if_complete(w ~ '_rooms') }} as {{ w }}_rooms,
            {{ sum_if_complete(w ~ '_rev') }} as {{ w }}_rev,
        {%- endfor %}
        {{ sum_if_complete('stly_rooms') }} as stly_rooms,
        {{ sum_if_complete('stly_rev') }} as stly_rev,
        sum(case when stly_is_approx then 1 else 0 end) as stly_approx_nights
    from otb
    where lead_days < 30
    group by hotel_id, as_of_date

),

final as (

    select
        hotel_days.hotel_id,
        hotel_days.date_day as as_of_date,
        hotel_days.has_extract,
        next_30d.available_room_nights,
        next_30d.rooms_otb,
        next_30d.room_revenue_otb,
        case when next_30d.rooms_otb > 0 then next_30d.room_revenue_otb / next_30d.rooms_otb end as adr_otb,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(next_30d.rooms_otb * 100.0 as {{ dbt.type_float() }}) / next_30d.available_room_nights as occupancy_pct_otb,
        next_30d.room_revenue_otb / next_30d.available_room_nights as revpar_otb,
        next_30d.remaining_supply,
        next_30d.remaining_supply_tonight,
        next_30d.dod_delta_rooms,
        next_30d.dod_delta_rev,
        {%- for window in windows %}
            {%- set w = 'pickup_' ~ window.days ~ 'd' %}
            next_30d.{{ w }}_rooms,
            next_30d.{{ w }}_rev,
        {%- endfor %}
        next_30d.stly_rooms,
        next_30d.stly_rev,
        next_30d.stly_approx_nights,
        next_30d.rooms_otb - next_30d.stly_rooms as pace_rooms,
        next_30d.room_revenue_otb - next_30d.stly_rev as pace_rev,
        case
            when next_30d.stly_rooms > 0
                then cast((next_30d.rooms_otb - next_30d.stly_rooms) * 100.0 as {{ dbt.type_float() }}) / next_30d.stly_rooms
        end as pace_rooms_pct,
        case
            when next_30d.stly_rev > 0
                then cast((next_30d.room_revenue_otb - next_30d.stly_rev) * 100.0 as {{ dbt.type_float() }}) / next_30d.stly_rev
        end as pace_rev_pct
    from hotel_days
    left join next_30d
        on
            hotel_days.hotel_id = next_30d.hotel_id
            and hotel_days.date_day = next_30d.as_of_date

)

select * from final
