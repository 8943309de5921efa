-- Clean vendor_invoices: the rows of base_retail__vendor_invoices that passed every check (the rest are quarantined).
with

vendor_invoices as (

    select * from {{ ref('base_retail__vendor_invoices') }}

),

final as (

    select
        merchant_id,
        invoice_id,
        vendor_id,
        po_id,
        invoice_amount,
        received_at,
        approved_at,
        po_match_result,
        first_pass_result,
        resolution_method,
        discount_pct,
        discount_due_date,
        discount_taken_amount,
        loaded_at
    from vendor_invoices
    where quarantine_reason is null

)

select * from final
