-- Units and line revenue per merchant, SKU and day, over the lines of revenue orders only.
with

order_lines as (

    select * from {{ ref('stg_storefront__order_lines') }}

),

orders as (

    select * from {{ ref('int_orders_classified') }}

),

final as (

    select
        order_lines.merchant_id,
        order_lines.sku,
        orders.order_date as date_day,
        sum(order_lines.quantity) as units_sold,
        sum(order_lines.quantity * order_lines.unit_price) as line_revenue
    from order_lines
    inner join orders
        on
            order_lines.merchant_id = orders.merchant_id
            and order_lines.order_id = orders.order_id
    where orders.is_revenue_order and orders.order_date <= {{ as_of_date() }}
    group by order_lines.merchant_id, order_lines.sku, orders.order_date

)

select * from final
