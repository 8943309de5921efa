-- MetricFlow's time spine: one row per calendar day, from the earliest data any system may hold
-- to a year past as_of (hotel stays are booked up to 365 days ahead).
with

calendar as (

    {{ dbt.date_spine('day', "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)", dbt.dateadd('day', 367, as_of_date())) }}

),

final as (

    select cast(date_day as date) as date_day
    from calendar

)

select * from final
