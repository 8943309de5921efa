-- Clean products: the rows of base_retail__products that passed every check (the rest are quarantined).
with

products as (

    select * from {{ ref('base_retail__products') }}

),

final as (

    select
        merchant_id,
        sku,
        vendor_id,
        product_name,
        category,
        unit_cost,
        unit_retail,
        is_seasonal,
        loaded_at
    from products
    where quarantine_reason is null

)

select * from final
