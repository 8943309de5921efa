{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Deep dive: average revenue per calendar month over the years (the November peak).
with

monthly as (

    select * from {{ ref('fct_classicmodels_monthly') }}

),

final as (

    select
        month_of_year,
        count(*) as month_count,
        avg(revenue) as avg_revenue,
        avg(order_count) as avg_order_count
    from monthly
    group by month_of_year

)

select * from final
order by month_of_year
