{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('fulfillment')) }}
-- Spec 000 Fulfillment Health (3.1-3.4) KPIs per merchant and day, up to as_of.
with

daily as (

    select * from {{ ref('fct_fulfillment_daily') }}

),

measures as (

    {{ kpi_measure('fulfillment.orders_pending', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'orders_pending') }}
    union all
    {{ kpi_measure('fulfillment.sla_breach_rate', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'sla_breach_rate_pct') }}
    union all
    {{ kpi_measure('fulfillment.avg_days_to_fulfill', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'avg_days_to_fulfill') }}
    union all
    {{ kpi_measure('fulfillment.issues', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'issues_reported') }}

),

final as (

    select * from measures

)

select * from final
