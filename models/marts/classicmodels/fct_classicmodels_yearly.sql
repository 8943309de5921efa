-- Descriptive layer, the five executive cards of spec 002 per calendar year up to as_of, each
-- with its year-over-year change: revenue, orders, active customers, AOV, on-time delivery.
-- YoY compares like with like: a running year (2005 ends on as_of, 2005-05-31) is set against
-- the same days of the previous year, a complete year against the complete previous year.
with

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

years as (

    select distinct
        orders.order_year_start as year_start,
        case
            when cast({{ dbt.dateadd('day', -1, dbt.dateadd('year', 1, 'orders.order_year_start')) }} as date) < as_of.as_of_date
                then cast({{ dbt.dateadd('day', -1, dbt.dateadd('year', 1, 'orders.order_year_start')) }} as date)
            else as_of.as_of_date
        end as period_end,
        orders.order_year_start = as_of.as_of_year_start as is_partial_year
    from orders
    cross join as_of

),

windows as (

    -- Each year's orders, and the orders of the same span one year earlier.
    select
        years.year_start,
        'current' as comparison_window,
        orders.*
    from years
    inner join orders
        on orders.order_date between years.year_start and years.period_end
    union all
    select
        years.year_start,
        'previous' as comparison_window,
        orders.*
    from years
    inner join orders
        on
            orders.order_date
            between cast({{ dbt.dateadd('year', -1, 'years.year_start') }} as date)
            and cast({{ dbt.dateadd('year', -1, 'years.period_end') }} as date)

),

measured as (

    select
        year_start,
        comparison_window,
        sum(revenue) as revenue,
        count(*) as order_count,
        sum(case when is_revenue_order then 1 else 0 end) as revenue_order_count,
        count(distinct customer_id) as active_customer_count,
        -- Doubles, as DuckDB divides decimals (PostgreSQL would keep them decimal).
        cast(sum(revenue) as {{ dbt.type_float() }}) / nullif(sum(case when is_revenue_order then 1 else 0 end), 0) as avg_order_value,
        sum(case when is_delivery_judged then 1 else 0 end) as shipped_order_count,
        sum(case when is_on_time then 1 else 0 end) as on_time_order_count,
        cast(100.0 * sum(case when is_on_time then 1 else 0 end) as {{ dbt.type_float() }})
        / nullif(sum(case when is_delivery_judged then 1 else 0 end), 0) as on_time_rate_pct
    from windows
    group by year_start, comparison_window

),

final as (

    select
        years.year_start,
        years.period_end,
        years.is_partial_year,
        this_year.revenue,
        this_year.order_count,
        this_year.revenue_order_count,
        this_year.active_customer_count,
        this_year.avg_order_value,
        this_year.shipped_order_count,
        this_year.on_time_order_count,
        this_year.on_time_rate_pct,
        last_year.order_count as prior_year_order_count,
        last_year.shipped_order_count as prior_year_shipped_order_count,
        {{ pct_change('this_year.revenue', 'last_year.revenue') }} as revenue_yoy_pct,
        {{ pct_change('this_year.order_count', 'last_year.order_count') }} as order_count_yoy_pct,
        {{ pct_change('this_year.active_customer_count', 'last_year.active_customer_count') }}
            as active_customer_count_yoy_pct,
        {{ pct_change('this_year.avg_order_value', 'last_year.avg_order_value') }} as avg_order_value_yoy_pct,
        {{ pct_change('this_year.on_time_rate_pct', 'last_year.on_time_rate_pct') }} as on_time_rate_yoy_pct,
        this_year.on_time_rate_pct - last_year.on_time_rate_pct as on_time_rate_change_pp
    from years
    inner join measured as this_year
        on
            years.year_start = this_year.year_start
            and this_year.comparison_window = 'current'
    left join measured as last_year
        on
            years.year_start = last_year.year_start
            and last_year.comparison_window = 'previous'

)

select * from final
