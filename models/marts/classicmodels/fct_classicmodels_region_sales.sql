-- Descriptive layer: revenue, orders and average order value per region (country mapped by the
-- seed classicmodels_country_regions), over every order up to as_of.
with

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

regional as (

    select
        region,
        count(distinct customer_id) as customer_count,
        sum(case when is_revenue_order then 1 else 0 end) as revenue_order_count,
        sum(revenue) as revenue
    from orders
    group by region

),

final as (

    select
        region,
        customer_count,
        revenue_order_count,
        revenue,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(revenue as {{ dbt.type_float() }}) / nullif(revenue_order_count, 0) as avg_order_value,
        cast(100.0 * revenue as {{ dbt.type_float() }}) / nullif(sum(revenue) over (), 0) as revenue_share_pct
    from regional

)

select * from final
