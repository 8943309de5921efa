{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('helpdesk')) }}
-- Spec 000 CX Escalations (4.1-4.4) KPIs per merchant and day, up to as_of.
with

daily as (

    select * from {{ ref('fct_cx_daily') }}

),

measures as (

    {{ kpi_measure('cx.open_escalations', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'open_escalations') }}
    union all
    {{ kpi_measure('cx.sla_breach_rate', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'sla_breach_rate_pct') }}
    union all
    {{ kpi_measure('cx.first_response_time_median', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'median_first_response_minutes') }}
    union all
    {{ kpi_measure('cx.negative_sentiment_share', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'negative_sentiment_pct') }}

),

final as (

    select * from measures

)

select * from final
