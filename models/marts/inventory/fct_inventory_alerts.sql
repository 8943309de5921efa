-- The spec's v_inventory_alerts: the SKUs out of stock or low on stock in each merchant's latest
-- snapshot (on or before as_of), most severe first.
with

snapshots as (

    select * from {{ ref('int_inventory_snapshots_classified') }}

),

latest_day as (

    select
        merchant_id,
        max(snapshot_date) as snapshot_date
    from snapshots
    group by merchant_id

),

final as (

    select
        snapshots.merchant_id,
        snapshots.sku,
        snapshots.snapshot_date,
        snapshots.alert_severity,
        snapshots.stock_status,
        snapshots.on_hand_qty,
        snapshots.reorder_point,
        snapshots.effective_lead_time_days,
        snapshots.days_of_cover,
        snapshots.velocity_tier,
        case snapshots.alert_severity when 'critical' then 1 when 'high' then 2 else 3 end as severity_rank
    from snapshots
    inner join latest_day
        on
            snapshots.merchant_id = latest_day.merchant_id
            and snapshots.snapshot_date = latest_day.snapshot_date
    where snapshots.alert_severity is not null

)

select * from final
