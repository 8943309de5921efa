-- Clean pos_receipt_lines: the rows of base_retail__pos_receipt_lines that passed every check (the rest are quarantined).
with

pos_receipt_lines as (

    select * from {{ ref('base_retail__pos_receipt_lines') }}

),

final as (

    select
        merchant_id,
        receipt_id,
        line_number,
        sku,
        units,
        retail_amount,
        markdown_amount,
        loaded_at
    from pos_receipt_lines
    where quarantine_reason is null

)

select * from final
