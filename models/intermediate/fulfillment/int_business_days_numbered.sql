-- The calendar with a running count of business days (Monday to Friday), so that "the Nth
-- business day after a date" is a join on numbers. It runs 90 days past as_of because an
-- order's SLA due date can lie after it.
with

calendar as (

    {{ dbt.date_spine('day', "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)", dbt.dateadd('day', 91, as_of_date())) }}

),

flagged as (

    select
        cast(date_day as date) as date_day,
        {{ is_business_day('cast(date_day as date)') }} as is_business_day
    from calendar

),

final as (

    select
        date_day,
        is_business_day,
        -- A weekend day shares the number of the Friday before it.
        sum(case when is_business_day then 1 else 0 end) over (
            order by date_day rows between unbounded preceding and current row
        ) as business_day_number
    from flagged

)

select * from final
