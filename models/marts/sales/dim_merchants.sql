-- One row per merchant, with the span of its order history.
with

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

orders as (

    select * from {{ ref('int_orders_classified') }}

),

order_span as (

    select
        merchant_id,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date
    from orders
    group by merchant_id

),

final as (

    select
        merchants.merchant_id,
        merchants.merchant_name,
        merchants.currency_code,
        merchants.timezone,
        merchants.created_at,
        order_span.first_order_date,
        order_span.last_order_date
    from merchants
    left join order_span
        on merchants.merchant_id = order_span.merchant_id

)

select * from final
