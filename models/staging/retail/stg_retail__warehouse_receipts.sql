-- Clean warehouse_receipts: the rows of base_retail__warehouse_receipts that passed every check (the rest are quarantined).
with

warehouse_receipts as (

    select * from {{ ref('base_retail__warehouse_receipts') }}

),

final as (

    select
        merchant_id,
        warehouse_receipt_id,
        po_id,
        asn_id,
        received_at,
        loaded_at
    from warehouse_receipts
    where quarantine_reason is null

)

select * from final
