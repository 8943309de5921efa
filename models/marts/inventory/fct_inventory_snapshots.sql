-- The spec's inventory_snapshots: one row per merchant, SKU and day up to as_of, with
-- days_of_cover, stock_status, velocity_tier and alert_severity (rules: docs/storefront_ops.md).
with

snapshots as (

    select * from {{ ref('int_inventory_snapshots_classified') }}

),

final as (

    select
        merchant_id,
        sku,
        snapshot_date,
        on_hand_qty,
        reorder_point,
        lead_time_days,
        has_reorder_policy,
        units_sold_30d,
        avg_daily_units_30d,
        days_of_cover,
        stock_status,
        velocity_tier,
        alert_severity
    from snapshots

)

select * from final
