{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('inventory')) }}
-- Spec 000 Inventory Heatmap (2.1-2.4) KPIs per merchant and day, up to as_of. KPI 2.4 is a
-- distribution: one kpi_id per velocity tier share (only the stagnant share is judged).
with

daily as (

    select * from {{ ref('fct_inventory_daily') }}

),

measures as (

    {{ kpi_measure('inventory.low_stock_items', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'low_stock_count') }}
    union all
    {{ kpi_measure('inventory.out_of_stock_items', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'out_of_stock_count') }}
    union all
    {{ kpi_measure('inventory.avg_days_of_cover', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'avg_days_of_cover_in_stock') }}
    union all
    {{ kpi_measure('inventory.velocity_fast_share', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'fast_share_pct') }}
    union all
    {{ kpi_measure('inventory.velocity_medium_share', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'medium_share_pct') }}
    union all
    {{ kpi_measure('inventory.velocity_slow_share', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'slow_share_pct') }}
    union all
    {{ kpi_measure('inventory.velocity_stagnant_share', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'stagnant_share_pct') }}

),

final as (

    select * from measures

)

select * from final
