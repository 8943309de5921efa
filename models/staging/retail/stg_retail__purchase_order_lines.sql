-- Clean purchase_order_lines: the rows of base_retail__purchase_order_lines that passed every check (the rest are quarantined).
with

purchase_order_lines as (

    select * from {{ ref('base_retail__purchase_order_lines') }}

),

final as (

    select
        merchant_id,
        po_id,
        line_number,
        sku,
        units_ordered,
        unit_cost,
        loaded_at
    from purchase_order_lines
    where quarantine_reason is null

)

select * from final
