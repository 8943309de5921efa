-- Descriptive layer, the five executive cards of spec 002 per calendar year up to as_of, each
-- with its year-over-year change: revenue, orders, active customers, AOV, on-time delivery.
with

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

yearly as (

    select
        order_year_start as year_start,
        sum(revenue) as revenue,
        count(*) as order_count,
        sum(case when is_revenue_order then 1 else 0 end) as revenue_order_count,
        count(distinct customer_id) as active_customer_count,
        sum(case when is_delivery_judged then 1 else 0 end) as shipped_order_count,
        sum(case when is_on_time then 1 else 0 end) as on_time_order_count
    from orders
    group by order_year_start

),

measured as (

    select
        *,
        revenue / nullif(revenue_order_count, 0) as avg_order_value,
        100.0 * on_time_order_count / nullif(shipped_order_count, 0) as on_time_rate_pct
    from yearly

),

compared as (

    -- The previous calendar year by date, not by row, so a year without orders is no "previous".
    select
        this_year.*,
        {{ pct_change('this_year.revenue', 'last_year.revenue') }} as revenue_yoy_pct,
        {{ pct_change('this_year.order_count', 'last_year.order_count') }} as order_count_yoy_pct,
        {{ pct_change('this_year.active_customer_count', 'last_year.active_customer_count') }}
            as active_customer_count_yoy_pct,
        {{ pct_change('this_year.avg_order_value', 'last_year.avg_order_value') }} as avg_order_value_yoy_pct,
        {{ pct_change('this_year.on_time_rate_pct', 'last_year.on_time_rate_pct') }} as on_time_rate_yoy_pct,
        this_year.on_time_rate_pct - last_year.on_time_rate_pct as on_time_rate_change_pp
    from measured as this_year
    left join measured as last_year
        on last_year.year_start = cast({{ dbt.dateadd('year', -1, 'this_year.year_start') }} as date)

),

final as (

    select
        compared.year_start,
        -- A year still running ends on as_of (2005 holds January to May only).
        case
            when cast({{ dbt.dateadd('day', -1, dbt.dateadd('year', 1, 'compared.year_start')) }} as date) < as_of.as_of_date
                then cast({{ dbt.dateadd('day', -1, dbt.dateadd('year', 1, 'compared.year_start')) }} as date)
            else as_of.as_of_date
        end as period_end,
        compared.year_start = as_of.as_of_year_start as is_partial_year,
        compared.revenue,
        compared.order_count,
        compared.revenue_order_count,
        compared.active_customer_count,
        compared.avg_order_value,
        compared.shipped_order_count,
        compared.on_time_order_count,
        compared.on_time_rate_pct,
        compared.revenue_yoy_pct,
        compared.order_count_yoy_pct,
        compared.active_customer_count_yoy_pct,
        compared.avg_order_value_yoy_pct,
        compared.on_time_rate_yoy_pct,
        compared.on_time_rate_change_pp
    from compared
    cross join as_of

)

select * from final
