-- Analytical and predictive layers, one row per product: revenue, ABC class and the demand
-- trend of spec 002 (average Q4 revenue against average Q1 revenue, +-15 %).
with

products as (

    select * from {{ ref('stg_classicmodels__products') }}

),

order_lines as (

    select * from {{ ref('int_classicmodels_order_lines_enriched') }}

),

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

quarter_counts as (

    -- Every Q1 and Q4 of the window counts, also those in which a product did not sell.
    select
        count(distinct case when extract(month from order_quarter_start) = 1 then order_quarter_start end)
            as q1_count,
        count(distinct case when extract(month from order_quarter_start) = 10 then order_quarter_start end)
            as q4_count
    from orders

),

product_sales as (

    select
        product_id,
        sum(line_revenue) as revenue,
        sum(case when is_revenue_order then quantity_ordered else 0 end) as quantity_sold,
        count(distinct case when is_revenue_order then order_id end) as order_count,
        sum(case when extract(month from order_quarter_start) = 1 then line_revenue else 0 end) as q1_revenue,
        sum(case when extract(month from order_quarter_start) = 10 then line_revenue else 0 end) as q4_revenue
    from order_lines
    group by product_id

),

joined as (

    select
        products.product_id,
        products.product_name,
        products.product_line,
        products.product_vendor,
        products.quantity_in_stock,
        products.buy_price,
        products.msrp,
        coalesce(product_sales.revenue, 0) as revenue,
        coalesce(product_sales.quantity_sold, 0) as quantity_sold,
        coalesce(product_sales.order_count, 0) as order_count,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(coalesce(product_sales.q1_revenue, 0) as {{ dbt.type_float() }}) / nullif(quarter_counts.q1_count, 0) as q1_avg_revenue,
        cast(coalesce(product_sales.q4_revenue, 0) as {{ dbt.type_float() }}) / nullif(quarter_counts.q4_count, 0) as q4_avg_revenue
    from products
    cross join quarter_counts
    left join product_sales
        on products.product_id = product_sales.product_id

),

final as (

    select
        *,
        cast(100.0 * revenue as {{ dbt.type_float() }}) / nullif(sum(revenue) over (), 0) as revenue_share_pct,
        row_number() over (order by revenue desc, product_id asc) as revenue_rank,
        {{ abc_class('revenue', 'product_id') }} as abc_class,
        {{ pct_change('q4_avg_revenue', 'q1_avg_revenue') }} as q4_vs_q1_pct,
        case
            when q1_avg_revenue is null or q1_avg_revenue = 0 or q4_avg_revenue is null then 'insufficient_data'
            when q4_avg_revenue >= 1.15 * q1_avg_revenue then 'growing'
            when q4_avg_revenue <= 0.85 * q1_avg_revenue then 'declining'
            else 'stable'
        end as demand_trend
    from joined

)

select * from final
