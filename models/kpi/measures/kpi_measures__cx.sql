{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('helpdesk')) }}
-- Spec 000 CX Escalations (4.1-4.4) KPIs per merchant, up to as_of: 4.1 per day, the rates and
-- the median per day and trailing window (fct_cx_periods).
{%- set merchant_periods = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'period_start': 'period_start', 'period_end': 'period_end'} %}
{%- set trailing_grains = var('kpi_trailing_windows') | map(attribute='grain') | list %}
with

daily as (

    select * from {{ ref('fct_cx_daily') }}

),

periods as (

    select * from {{ ref('fct_cx_periods') }}

),

measures as (

    {{ kpi_measure(
        kpi_id='cx.open_escalations', relation='daily', value='open_escalations',
        entity_type='merchant', entity_id='merchant_id', grain='day', period_start='date_day', period_end='date_day'
    ) }}
    union all
    {{ kpi_measure(kpi_id='cx.sla_breach_rate', relation='periods', value='sla_breach_rate_pct', sample_size='conversations_opened', grain=trailing_grains, **merchant_periods) }}
    union all
    {{ kpi_measure(kpi_id='cx.first_response_time_median', relation='periods', value='median_first_response_minutes', sample_size='conversations_responded', grain=trailing_grains, **merchant_periods) }}
    union all
    {{ kpi_measure(kpi_id='cx.negative_sentiment_share', relation='periods', value='negative_sentiment_pct', sample_size='conversations_scored', grain=trailing_grains, **merchant_periods) }}

),

final as (

    select * from measures

)

select * from final
