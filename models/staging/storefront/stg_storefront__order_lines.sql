-- Clean order_lines: the rows of base_storefront__order_lines that passed every check (the rest are quarantined).
with

order_lines as (

    select * from {{ ref('base_storefront__order_lines') }}

),

final as (

    select
        merchant_id,
        order_line_id,
        order_id,
        sku,
        quantity,
        unit_price,
        loaded_at
    from order_lines
    where quarantine_reason is null

)

select * from final
