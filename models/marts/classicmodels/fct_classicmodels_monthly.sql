-- Predictive layer (seasonality), one row per calendar month from the first order to as_of,
-- months without orders included: revenue and orders with lag/lead and same month last year.
with

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

calendar as (

    {{ dbt.date_spine(
        'month',
        "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)",
        dbt.dateadd('year', 100, "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)")
    ) }}

),

months as (

    select cast(calendar.date_month as date) as month_start
    from calendar
    cross join as_of
    where
        cast(calendar.date_month as date) >= (select min(orders.order_month_start) from orders)
        and cast(calendar.date_month as date) <= cast({{ dbt.date_trunc('month', 'as_of.as_of_date') }} as date)

),

monthly as (

    select
        order_month_start as month_start,
        sum(revenue) as revenue,
        count(*) as order_count
    from orders
    group by order_month_start

),

spined as (

    select
        months.month_start,
        extract(month from months.month_start) as month_of_year,
        coalesce(monthly.revenue, 0) as revenue,
        coalesce(monthly.order_count, 0) as order_count
    from months
    left join monthly
        on months.month_start = monthly.month_start

),

final as (

    select
        *,
        lag(revenue) over (order by month_start) as previous_month_revenue,
        lead(revenue) over (order by month_start) as next_month_revenue,
        lag(revenue, 12) over (order by month_start) as same_month_last_year_revenue,
        {{ pct_change('revenue', 'lag(revenue) over (order by month_start)') }} as revenue_mom_pct,
        {{ pct_change('revenue', 'lag(revenue, 12) over (order by month_start)') }} as revenue_yoy_pct,
        extract(month from month_start) in (11, 12) as is_peak_season
    from spined

)

select * from final
