{{ config(enabled=source_system_enabled('storefront') and source_system_enabled('inventory')) }}
-- Spec 000 Inventory Heatmap (2.1-2.4) KPIs per merchant and day, up to as_of. KPI 2.4 is a
-- distribution: one kpi_id per velocity tier share (only the stagnant share is judged).
{%- set merchant_day = {'entity_type': 'merchant', 'entity_id': 'merchant_id', 'grain': 'day', 'period_start': 'date_day', 'period_end': 'date_day'} %}
with

daily as (

    select * from {{ ref('fct_inventory_daily') }}

),

measures as (

    {{ kpi_measure(kpi_id='inventory.low_stock_items', relation='daily', value='low_stock_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='inventory.out_of_stock_items', relation='daily', value='out_of_stock_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='inventory.avg_days_of_cover', relation='daily', value='avg_days_of_cover_in_stock', sample_size='in_stock_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='inventory.velocity_fast_share', relation='daily', value='fast_share_pct', sample_size='sku_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='inventory.velocity_medium_share', relation='daily', value='medium_share_pct', sample_size='sku_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='inventory.velocity_slow_share', relation='daily', value='slow_share_pct', sample_size='sku_count', **merchant_day) }}
    union all
    {{ kpi_measure(kpi_id='inventory.velocity_stagnant_share', relation='daily', value='stagnant_share_pct', sample_size='sku_count', **merchant_day) }}

),

final as (

    select * from measures

)

select * from final
