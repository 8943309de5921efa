-- One row per clean order line of an order placed up to as_of, with its product and revenue
-- (quantity * unit price; 0 for a cancelled order's line).
with

order_lines as (

    select * from {{ ref('stg_classicmodels__orderdetails') }}

),

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

products as (

    select * from {{ ref('stg_classicmodels__products') }}

),

final as (

    select
        order_lines.order_id,
        order_lines.product_id,
        products.product_name,
        products.product_line,
        orders.customer_id,
        orders.order_date,
        orders.order_quarter_start,
        orders.order_month_start,
        orders.is_revenue_order,
        order_lines.quantity_ordered,
        order_lines.price_each,
        case when orders.is_revenue_order then order_lines.quantity_ordered * order_lines.price_each else 0 end
            as line_revenue
    from order_lines
    inner join orders
        on order_lines.order_id = orders.order_id
    inner join products
        on order_lines.product_id = products.product_id

)

select * from final
