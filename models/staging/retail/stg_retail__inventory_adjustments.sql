-- Clean inventory_adjustments: the rows of base_retail__inventory_adjustments that passed every check (the rest are quarantined).
with

inventory_adjustments as (

    select * from {{ ref('base_retail__inventory_adjustments') }}

),

final as (

    select
        merchant_id,
        adjustment_id,
        store_id,
        sku,
        adjusted_at,
        adjustment_units,
        reason,
        loaded_at
    from inventory_adjustments
    where quarantine_reason is null

)

select * from final
