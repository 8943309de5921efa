{{ config(enabled=source_system_enabled('storefront')) }}
-- Spec 000 Sales Pulse (1.1-1.4) and Growth (G.1-G.3) KPIs per merchant, every period up to as_of.
{%- set merchant_day = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'grain': 'day', 'period_start': 'date_day', 'period_end': 'date_day'} %}
{%- set merchant_month = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'grain': 'month', 'period_start': 'month_start', 'period_end': 'period_end'} %}
with

daily as (

    select * from {{ ref('fct_sales_daily') }}

),

monthly as (

    select * from {{ ref('fct_sales_monthly') }}

),

yearly as (

    select * from {{ ref('fct_sales_yearly') }}

),

measures as (

    {{ kpi_measure(kpi_id='sales.daily_revenue', relation='daily', value='total_revenue', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='sales.revenue_growth_wow', relation='daily', value='revenue_vs_last_week_pct', sample_size='order_count_prior_7d', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='sales.avg_order_value', relation='daily', value='avg_order_value', sample_size='order_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='sales.top5_sku_revenue_share', relation='daily', value='top5_sku_revenue_share_pct', sample_size='sku_count_30d', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='sales.top5_sku_revenue_30d', relation='daily', value='top5_sku_revenue_30d', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='growth.mrr', relation='monthly', value='mrr', sample_size='order_count', **merchant_month) }}
    union all
    {{ kpi_measure(kpi_id='growth.revenue_growth_mom', relation='monthly', value='mrr_growth_mom_pct', sample_size='prior_month_order_count', **merchant_month) }}
    union all
    {{ kpi_measure(
        kpi_id='growth.ytd_revenue', relation='yearly', value='revenue_ytd', target_value='revenue_ytd_target',
        entity_type='merchant', entity_id='merchant_id', grain='year_to_date', period_start='year_start', period_end='period_end'
    ) }}

),

final as (

    select * from measures

)

select * from final
