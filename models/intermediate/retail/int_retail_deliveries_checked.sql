-- Each warehouse receipt (a delivery) checked four ways: on time (received within the PO's
-- delivery window), ASN accuracy (every SKU's received units equal the units on the ASN it
-- arrived with; NULL when it came without a known ASN), quantity exception (any SKU's received
-- units differ from what the dock was told to expect: the ASN's units, or the PO's ordered
-- units when no ASN came; a short shipment the vendor announced is fill rate's, not a receiving
-- discrepancy), and quality exception (any unit rejected).
with

receipts as (

    select * from {{ ref('stg_retail__warehouse_receipts') }}

),

receipt_lines as (

    select * from {{ ref('stg_retail__warehouse_receipt_lines') }}

),

purchase_orders as (

    select * from {{ ref('stg_retail__purchase_orders') }}

),

po_lines as (

    select * from {{ ref('stg_retail__purchase_order_lines') }}

),

asns as (

    select * from {{ ref('stg_retail__asns') }}

),

asn_lines as (

    select * from {{ ref('stg_retail__asn_lines') }}

),

received_skus as (

    select
        merchant_id,
        warehouse_receipt_id,
        sku,
        sum(units_received) as units_received,
        sum(units_rejected) as units_rejected
    from receipt_lines
    group by merchant_id, warehouse_receipt_id, sku

),

ordered_skus as (

    select
        receipts.merchant_id,
        receipts.warehouse_receipt_id,
        po_lines.sku,
        sum(po_lines.units_ordered) as units_ordered
    from receipts
    inner join po_lines
        on
            receipts.merchant_id = po_lines.merchant_id
            and receipts.po_id = po_lines.po_id
    group by receipts.merchant_id, receipts.warehouse_receipt_id, po_lines.sku

),

advised_skus as (

    select
        receipts.merchant_id,
        receipts.warehouse_receipt_id,
        asn_lines.sku,
        sum(asn_lines.units_shipped) as units_shipped
    from receipts
    inner join asn_lines
        on
            receipts.merchant_id = asn_lines.merchant_id
            and receipts.asn_id = asn_lines.asn_id
    group by receipts.merchant_id, receipts.warehouse_receipt_id, asn_lines.sku

),

sku_keys as (

    -- Every SKU on the receipt, its PO or its ASN: a SKU missing from one side is a mismatch.
    select
        merchant_id,
        warehouse_receipt_id,
        sku
    from received_skus
    union
    select
        merchant_id,
        warehouse_receipt_id,
        sku
    from ordered_skus
    union
    select
        merchant_id,
        warehouse_receipt_id,
        sku
    from advised_skus

),

sku_comparison as (

    select
        sku_keys.merchant_id,
        sku_keys.warehouse_receipt_id,
        coalesce(received_skus.units_received, 0) as units_received,
        coalesce(received_skus.units_rejected, 0) as units_rejected,
        coalesce(received_skus.units_received, 0) != coalesce(ordered_skus.units_ordered, 0) as is_po_mismatch,
        coalesce(received_skus.units_received, 0) != coalesce(advised_skus.units_shipped, 0) as is_asn_mismatch
    from sku_keys
    left join received_skus
        on
            sku_keys.merchant_id = received_skus.merchant_id
            and sku_keys.warehouse_receipt_id = received_skus.warehouse_receipt_id
            and sku_keys.sku = received_skus.sku
    left join ordered_skus
        on
            sku_keys.merchant_id = ordered_skus.merchant_id
            and sku_keys.warehouse_receipt_id = ordered_skus.warehouse_receipt_id
            and sku_keys.sku = ordered_skus.sku
    left join advised_skus
        on
            sku_keys.merchant_id = advised_skus.merchant_id
            and sku_keys.warehouse_receipt_id = advised_skus.warehouse_receipt_id
            and sku_keys.sku = advised_skus.sku

),

per_receipt as (

    select
        merchant_id,
        warehouse_receipt_id,
        sum(units_received) as units_received,
        sum(units_rejected) as units_rejected,
        {{ dbt.bool_or('is_po_mismatch') }} as has_po_mismatch,
        {{ dbt.bool_or('is_asn_mismatch') }} as has_asn_mismatch
    from sku_comparison
    group by merchant_id, warehouse_receipt_id

),

final as (

    select
        receipts.merchant_id,
        receipts.warehouse_receipt_id,
        receipts.po_id,
        purchase_orders.vendor_id,
        asns.asn_id,
        purchase_orders.window_start_date,
        purchase_orders.window_end_date,
        per_receipt.units_received,
        per_receipt.units_rejected,
        cast(receipts.received_at as date) as received_date,
        cast(receipts.received_at as date) between purchase_orders.window_start_date
        and purchase_orders.window_end_date as is_on_time,
        case
            when asns.asn_id is not null then per_receipt.has_asn_mismatch else per_receipt.has_po_mismatch
        end as has_quantity_exception,
        per_receipt.units_rejected > 0 as has_quality_exception,
        case when asns.asn_id is not null then not per_receipt.has_asn_mismatch end as is_asn_accurate
    from receipts
    inner join purchase_orders
        on
            receipts.merchant_id = purchase_orders.merchant_id
            and receipts.po_id = purchase_orders.po_id
    inner join per_receipt
        on
            receipts.merchant_id = per_receipt.merchant_id
            and receipts.warehouse_receipt_id = per_receipt.warehouse_receipt_id
    left join asns
        on
            receipts.merchant_id = asns.merchant_id
            and receipts.asn_id = asns.asn_id
    where cast(receipts.received_at as date) <= {{ as_of_date() }}

)

select * from final
