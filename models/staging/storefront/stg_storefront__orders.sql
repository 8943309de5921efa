-- Clean orders: the rows of base_storefront__orders that passed every check (the rest are quarantined).
with

orders as (

    select * from {{ ref('base_storefront__orders') }}

),

final as (

    select
        merchant_id,
        order_id,
        customer_id,
        created_at,
        total_price,
        currency_code,
        financial_status,
        fulfillment_status,
        cancelled_at,
        loaded_at
    from orders
    where quarantine_reason is null

)

select * from final
