{{ config(enabled=source_system_enabled('storefront')) }}
-- Storefront integrity checks that do not quarantine: orders kept for revenue although their
-- customer is unknown (a broken foreign key, spec 002's recommended FK validation).
with

orders as (

    select * from {{ ref('int_orders_classified') }}

),

unknown_customers as (

    select
        merchant_id,
        order_id,
        customer_id,
        created_at
    from orders
    where not has_known_customer

),

final as (

    select
        'storefront' as source_system,
        'orders' as source_table,
        'unknown_customer' as check_name,
        merchant_id as entity_id,
        order_id as record_key,
        cast(created_at as date) as affected_from_date,
        cast(created_at as date) as affected_to_date
    from unknown_customers

)

select * from final
