-- Clean edi_transactions: the rows of base_retail__edi_transactions that passed every check (the rest are quarantined).
with

edi_transactions as (

    select * from {{ ref('base_retail__edi_transactions') }}

),

final as (

    select
        merchant_id,
        edi_transaction_id,
        vendor_id,
        transaction_type,
        transmitted_at,
        is_correct,
        is_on_time,
        loaded_at
    from edi_transactions
    where quarantine_reason is null

)

select * from final
