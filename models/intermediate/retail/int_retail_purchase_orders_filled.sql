-- Each purchase order with what was ordered and what the vendor shipped against it. Units
-- shipped are the units on the vendor's ASNs; a PO delivered without any ASN counts the units
-- physically received instead, and a PO with neither has shipped 0 units (a true zero).
with

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

receipts as (

    select * from {{ ref('stg_retail__warehouse_receipts') }}

),

receipt_lines as (

    select * from {{ ref('stg_retail__warehouse_receipt_lines') }}

),

ordered as (

    select
        merchant_id,
        po_id,
        sum(units_ordered) as units_ordered,
        sum(units_ordered * unit_cost) as order_value
    from po_lines
    group by merchant_id, po_id

),

advised as (

    select
        asns.merchant_id,
        asns.po_id,
        sum(asn_lines.units_shipped) as units_on_asn
    from asns
    inner join asn_lines
        on
            asns.merchant_id = asn_lines.merchant_id
            and asns.asn_id = asn_lines.asn_id
    group by asns.merchant_id, asns.po_id

),

received as (

    select
        receipts.merchant_id,
        receipts.po_id,
        sum(receipt_lines.units_received) as units_received
    from receipts
    inner join receipt_lines
        on
            receipts.merchant_id = receipt_lines.merchant_id
            and receipts.warehouse_receipt_id = receipt_lines.warehouse_receipt_id
    group by receipts.merchant_id, receipts.po_id

),

final as (

    select
        purchase_orders.merchant_id,
        purchase_orders.po_id,
        purchase_orders.vendor_id,
        cast(purchase_orders.ordered_at as date) as ordered_date,
        purchase_orders.window_start_date,
        purchase_orders.window_end_date,
        ordered.units_ordered,
        ordered.order_value,
        advised.units_on_asn,
        received.units_received,
        coalesce(advised.units_on_asn, received.units_received, 0) as units_shipped
    from purchase_orders
    inner join ordered
        on
            purchase_orders.merchant_id = ordered.merchant_id
            and purchase_orders.po_id = ordered.po_id
    left join advised
        on
            purchase_orders.merchant_id = advised.merchant_id
            and purchase_orders.po_id = advised.po_id
    left join received
        on
            purchase_orders.merchant_id = received.merchant_id
            and purchase_orders.po_id = received.po_id

)

select * from final
