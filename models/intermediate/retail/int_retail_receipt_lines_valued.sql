-- Each warehouse receipt line's accepted units (received minus rejected), valued at the
-- product's cost and original retail: the purchases behind initial markup and sell-through.
with

receipt_lines as (

    select * from {{ ref('stg_retail__warehouse_receipt_lines') }}

),

receipts as (

    select * from {{ ref('stg_retail__warehouse_receipts') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

final as (

    select
        receipt_lines.merchant_id,
        receipt_lines.warehouse_receipt_id,
        receipt_lines.line_number,
        receipt_lines.sku,
        products.category,
        products.vendor_id,
        products.is_seasonal,
        cast(receipts.received_at as date) as received_date,
        receipt_lines.units_received - receipt_lines.units_rejected as units_accepted,
        (receipt_lines.units_received - receipt_lines.units_rejected) * products.unit_cost as accepted_cost,
        (receipt_lines.units_received - receipt_lines.units_rejected) * products.unit_retail as accepted_retail
    from receipt_lines
    inner join receipts
        on
            receipt_lines.merchant_id = receipts.merchant_id
            and receipt_lines.warehouse_receipt_id = receipts.warehouse_receipt_id
    inner join products
        on
            receipt_lines.merchant_id = products.merchant_id
            and receipt_lines.sku = products.sku
    where cast(receipts.received_at as date) <= {{ as_of_date() }}

)

select * from final
