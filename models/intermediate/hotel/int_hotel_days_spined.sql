-- One row per hotel and calendar day from the hotel's first extract to as_of, whether or not
-- that day's extract exists: a missing extract must show as a gap (NULL KPIs), not vanish.
with

hotels as (

    select * from {{ ref('stg_hotel__hotels') }}

),

extracts as (

    select * from {{ ref('int_hotel_extracts_listed') }}

),

first_extracts as (

    select
        hotel_id,
        min(as_of_date) as first_extract_date
    from extracts
    group by hotel_id

),

calendar as (

    {{ dbt.date_spine('day', "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)", dbt.dateadd('day', 1, as_of_date())) }}

),

final as (

    select
        hotels.hotel_id,
        hotels.capacity,
        cast(calendar.date_day as date) as date_day,
        extracts.as_of_date is not null as has_extract
    from hotels
    inner join first_extracts
        on hotels.hotel_id = first_extracts.hotel_id
    inner join calendar
        on cast(calendar.date_day as date) >= first_extracts.first_extract_date
    left join extracts
        on
            hotels.hotel_id = extracts.hotel_id
            and cast(calendar.date_day as date) = extracts.as_of_date

)

select * from final
