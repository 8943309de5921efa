-- Clean inventory_snapshots: the rows of base_retail__inventory_snapshots that passed every check (the rest are quarantined).
with

inventory_snapshots as (

    select * from {{ ref('base_retail__inventory_snapshots') }}

),

final as (

    select
        merchant_id,
        store_id,
        sku,
        snapshot_date,
        on_hand_units,
        loaded_at
    from inventory_snapshots
    where quarantine_reason is null

)

select * from final
