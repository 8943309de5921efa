-- Descriptive layer: revenue per product line and its share of all revenue up to as_of.
with

product_lines as (

    select * from {{ ref('stg_classicmodels__productlines') }}

),

products as (

    select * from {{ ref('stg_classicmodels__products') }}

),

order_lines as (

    select * from {{ ref('int_classicmodels_order_lines_enriched') }}

),

line_revenue as (

    select
        product_line,
        sum(line_revenue) as revenue,
        sum(case when is_revenue_order then quantity_ordered else 0 end) as quantity_sold
    from order_lines
    group by product_line

),

product_counts as (

    select
        product_line,
        count(*) as product_count
    from products
    group by product_line

),

final as (

    select
        product_lines.product_line,
        coalesce(product_counts.product_count, 0) as product_count,
        coalesce(line_revenue.quantity_sold, 0) as quantity_sold,
        coalesce(line_revenue.revenue, 0) as revenue,
        100.0 * coalesce(line_revenue.revenue, 0) / nullif(sum(line_revenue.revenue) over (), 0) as revenue_share_pct,
        rank() over (order by coalesce(line_revenue.revenue, 0) desc) as revenue_rank
    from product_lines
    left join line_revenue
        on product_lines.product_line = line_revenue.product_line
    left join product_counts
        on product_lines.product_line = product_counts.product_line

)

select * from final
