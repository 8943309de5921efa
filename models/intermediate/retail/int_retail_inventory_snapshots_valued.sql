-- Each Monday stock snapshot per store and SKU, valued at the SKU's original retail price (the
-- basis of inventory turnover, which divides sales at retail by inventory at retail).
with

snapshots as (

    select * from {{ ref('stg_retail__inventory_snapshots') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

final as (

    select
        snapshots.merchant_id,
        snapshots.store_id,
        snapshots.sku,
        products.category,
        products.vendor_id,
        products.is_seasonal,
        snapshots.snapshot_date,
        snapshots.on_hand_units,
        snapshots.on_hand_units * products.unit_retail as on_hand_retail
    from snapshots
    inner join products
        on
            snapshots.merchant_id = products.merchant_id
            and snapshots.sku = products.sku
    where snapshots.snapshot_date <= {{ as_of_date() }}

)

select * from final
