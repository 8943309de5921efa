{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('inventory')) }}
-- The restocking worklist behind KPI 2.1/2.2: today's inventory alerts, most urgent first, with
-- how many days of sales the stock still covers against the supplier lead time. Compile with
-- `dbt compile -s inventory_alerts_to_act_on` and run the SQL in target/ against the warehouse.
with

alerts as (

    select * from {{ ref('fct_inventory_alerts') }}

),

final as (

    select
        merchant_id,
        alert_severity,
        sku,
        stock_status,
        on_hand_qty,
        reorder_point,
        effective_lead_time_days,
        days_of_cover,
        velocity_tier
    from alerts
    order by merchant_id asc, severity_rank asc, days_of_cover asc nulls last, sku asc

)

select * from final
