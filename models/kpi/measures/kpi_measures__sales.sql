{{ config(enabled=source_system_enabled('storefront')) }}
-- Spec 000 Sales Pulse (1.1-1.4) and Growth (G.1-G.3) KPIs per merchant, every period up to as_of.
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

    {{ kpi_measure('sales.daily_revenue', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'total_revenue') }}
    union all
    {{ kpi_measure('sales.revenue_growth_wow', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'revenue_vs_last_week_pct') }}
    union all
    {{ kpi_measure('sales.avg_order_value', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'avg_order_value') }}
    union all
    {{ kpi_measure('sales.top5_sku_revenue_share', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'top5_sku_revenue_share_pct') }}
    union all
    {{ kpi_measure('sales.top5_sku_revenue_30d', 'daily', 'merchant', 'merchant_id', 'day', 'date_day', 'date_day', 'top5_sku_revenue_30d') }}
    union all
    {{ kpi_measure('growth.mrr', 'monthly', 'merchant', 'merchant_id', 'month', 'month_start', 'period_end', 'mrr') }}
    union all
    {{ kpi_measure('growth.revenue_growth_mom', 'monthly', 'merchant', 'merchant_id', 'month', 'month_start', 'period_end', 'mrr_growth_mom_pct') }}
    union all
    {{ kpi_measure('growth.ytd_revenue', 'yearly', 'merchant', 'merchant_id', 'year_to_date', 'year_start', 'period_end', 'revenue_ytd', 'revenue_ytd_target') }}

),

final as (

    select * from measures

)

select * from final
