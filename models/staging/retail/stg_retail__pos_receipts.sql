-- Clean pos_receipts: the rows of base_retail__pos_receipts that passed every check (the rest are quarantined).
with

pos_receipts as (

    select * from {{ ref('base_retail__pos_receipts') }}

),

final as (

    select
        merchant_id,
        receipt_id,
        store_id,
        register_id,
        sequence_number,
        receipt_at,
        receipt_type,
        loaded_at
    from pos_receipts
    where quarantine_reason is null

)

select * from final
