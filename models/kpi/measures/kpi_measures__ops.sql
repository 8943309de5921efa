{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('ops')) }}
-- Spec 000 Ops Metrics (5.1-5.3), Operator Performance (O.1-O.2) and CEO Time Savings (T.1-T.2)
-- KPIs per merchant, every period up to as_of.
with

activation as (

    select * from {{ ref('fct_shop_activation_daily') }}

),

operators as (

    select * from {{ ref('fct_operators_daily') }}

),

time_savings_daily as (

    select * from {{ ref('fct_ceo_time_savings_daily') }}

),

time_savings_yearly as (

    select * from {{ ref('fct_ceo_time_savings_yearly') }}

),

measures as (

    {{ kpi_measure('ops.shop_activation_rate_7d', 'activation', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'activation_rate_7d_pct') }}
    union all
    {{ kpi_measure('ops.operator_sla_resolution_median', 'operators', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'median_operator_response_minutes_7d') }}
    union all
    {{ kpi_measure('ops.operator_resolution_rate', 'operators', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'resolution_rate_7d_pct') }}
    union all
    {{ kpi_measure('operators.top_performers', 'operators', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'top_performer_count') }}
    union all
    {{ kpi_measure('operators.avg_efficiency_score', 'operators', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'avg_efficiency_score') }}
    union all
    {{ kpi_measure('time_savings.weekly_hours_saved', 'time_savings_daily', 'merchant', 'merchant_id', 'rolling_7d', 'window_7d_start', 'date_day', 'hours_saved_7d') }}
    union all
    {{ kpi_measure('time_savings.ytd_hours_saved', 'time_savings_yearly', 'merchant', 'merchant_id', 'year_to_date', 'year_start', 'period_end', 'hours_saved_ytd') }}
    union all
    {{ kpi_measure('time_savings.ytd_value_usd', 'time_savings_yearly', 'merchant', 'merchant_id', 'year_to_date', 'year_start', 'period_end', 'value_saved_ytd_usd') }}

),

final as (

    select * from measures

)

select * from final
