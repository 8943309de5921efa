-- Clean warehouse_receipt_lines: the rows of base_retail__warehouse_receipt_lines that passed every check (the rest are quarantined).
with

warehouse_receipt_lines as (

    select * from {{ ref('base_retail__warehouse_receipt_lines') }}

),

final as (

    select
        merchant_id,
        warehouse_receipt_id,
        line_number,
        sku,
        units_received,
        units_rejected,
        loaded_at
    from warehouse_receipt_lines
    where quarantine_reason is null

)

select * from final
