-- Clean products: the rows of base_storefront__products that passed every check (the rest are quarantined).
with

products as (

    select * from {{ ref('base_storefront__products') }}

),

final as (

    select
        merchant_id,
        sku,
        product_title,
        product_type,
        unit_cost,
        unit_price,
        created_at,
        loaded_at
    from products
    where quarantine_reason is null

)

select * from final
