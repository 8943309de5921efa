-- Clean purchase_orders: the rows of base_retail__purchase_orders that passed every check (the rest are quarantined).
with

purchase_orders as (

    select * from {{ ref('base_retail__purchase_orders') }}

),

final as (

    select
        merchant_id,
        po_id,
        vendor_id,
        ordered_at,
        window_start_date,
        window_end_date,
        loaded_at
    from purchase_orders
    where quarantine_reason is null

)

select * from final
