{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('fulfillment')) }}
-- Spec 000 Fulfillment Health (3.1-3.4) KPIs per merchant, up to as_of: the counts per day, 3.2
-- and 3.3 per day and trailing window (fct_fulfillment_periods).
{%- set merchant_day = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'grain': 'day', 'period_start': 'date_day', 'period_end': 'date_day'} %}
{%- set merchant_periods = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'period_start': 'period_start', 'period_end': 'period_end'} %}
{%- set trailing_grains = var('kpi_trailing_windows') | map(attribute='grain') | list %}
with

daily as (

    select * from {{ ref('fct_fulfillment_daily') }}

),

periods as (

    select * from {{ ref('fct_fulfillment_periods') }}

),

measures as (

    {{ kpi_measure(kpi_id='fulfillment.orders_pending', relation='daily', value='orders_pending', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='fulfillment.sla_breach_rate', relation='periods', value='sla_breach_rate_pct', sample_size='orders_due', grain=trailing_grains, **merchant_periods) }}
    union all
    {{ kpi_measure(kpi_id='fulfillment.avg_days_to_fulfill', relation='periods', value='avg_days_to_fulfill', sample_size='orders_fulfilled', grain=trailing_grains, **merchant_periods) }}
    union all
    {{ kpi_measure(kpi_id='fulfillment.issues', relation='daily', value='issues_reported', **merchant_day) }}

),

final as (

    select * from measures

)

select * from final
