{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Executive view: the five cards with YoY per year (2005 is January to May only).
with

yearly as (

    select * from {{ ref('fct_classicmodels_yearly') }}

),

final as (

    select
        year_start,
        period_end,
        is_partial_year,
        revenue,
        revenue_yoy_pct,
        order_count,
        order_count_yoy_pct,
        active_customer_count,
        active_customer_count_yoy_pct,
        avg_order_value,
        avg_order_value_yoy_pct,
        on_time_rate_pct,
        on_time_rate_change_pp
    from yearly

)

select * from final
order by year_start
