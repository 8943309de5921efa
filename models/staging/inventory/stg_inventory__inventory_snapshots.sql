-- Clean inventory snapshots: the rows of base_inventory__inventory_snapshots that passed every check.
with

snapshots as (

    select * from {{ ref('base_inventory__inventory_snapshots') }}

),

final as (

    select
        merchant_id,
        sku,
        snapshot_date,
        on_hand_qty,
        loaded_at
    from snapshots
    where quarantine_reason is null

)

select * from final
