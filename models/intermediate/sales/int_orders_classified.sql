-- Each clean order with its order date (the merchant's own calendar day, in its time zone) and
-- whether (and how much) it counts as revenue.
with

orders as (

    select * from {{ ref('stg_storefront__orders') }}

),

customers as (

    select * from {{ ref('stg_storefront__customers') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

classified as (

    select
        orders.merchant_id,
        orders.order_id,
        orders.customer_id,
        orders.created_at,
        merchants.timezone as time_zone,
        {{ local_date('orders.created_at', 'merchants.timezone') }} as order_date,
        orders.total_price,
        orders.financial_status,
        orders.fulfillment_status,
        orders.cancelled_at,
        orders.cancelled_at is not null or orders.financial_status = 'voided' as is_cancelled,
        orders.financial_status = 'refunded' as is_refunded,
        -- Kept, not quarantined: the sale happened even if the customer record is missing.
        customers.customer_id is not null as has_known_customer
    from orders
    inner join merchants
        on orders.merchant_id = merchants.merchant_id
    left join customers
        on
            orders.merchant_id = customers.merchant_id
            and orders.customer_id = customers.customer_id

),

final as (

    select
        *,
        not is_cancelled and not is_refunded as is_revenue_order,
        case when not is_cancelled and not is_refunded then total_price else 0 end as revenue_amount
    from classified

)

select * from final
