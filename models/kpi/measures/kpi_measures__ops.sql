{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('ops')) }}
-- Spec 000 Ops Metrics (5.1-5.3), Operator Performance (O.1-O.2) and CEO Time Savings (T.1-T.2)
-- KPIs per merchant, every period up to as_of.
{%- set merchant_day = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'grain': 'day', 'period_start': 'date_day', 'period_end': 'date_day'} %}
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

    {{ kpi_measure(kpi_id='ops.shop_activation_rate_7d', relation='activation', value='activation_rate_7d_pct', sample_size='days_with_rate_7d', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='ops.operator_sla_resolution_median', relation='operators', value='median_operator_response_minutes_7d', sample_size='operator_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='ops.operator_resolution_rate', relation='operators', value='resolution_rate_7d_pct', sample_size='sla_breaches_detected_7d', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='operators.top_performers', relation='operators', value='top_performer_count', **merchant_day) }}
    union all
    {{ kpi_measure(
        kpi_id='operators.avg_efficiency_score', relation='operators', value='avg_efficiency_score',
        sample_size='operator_count - unranked_operator_count', **merchant_day
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='time_savings.weekly_hours_saved', relation='time_savings_daily', value='hours_saved_7d',
        entity_type='merchant', entity_id='merchant_id', grain='rolling_7d', period_start='window_7d_start', period_end='date_day'
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='time_savings.ytd_hours_saved', relation='time_savings_yearly', value='hours_saved_ytd',
        entity_type='merchant', entity_id='merchant_id', grain='year_to_date', period_start='year_start', period_end='period_end'
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='time_savings.ytd_value_usd', relation='time_savings_yearly', value='value_saved_ytd_usd',
        entity_type='merchant', entity_id='merchant_id', grain='year_to_date', period_start='year_start', period_end='period_end'
    ) }}

),

final as (

    select * from measures

)

select * from final
