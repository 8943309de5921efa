{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Spec 002 Classic Models KPIs for the one company: the five executive cards and their YoY per
-- year, and the report's snapshot figures as of its report date (grain day, period = as_of).
{%- set company_year = {'entity_type': 'company', 'entity_id': "'classicmodels'", 'grain': 'year', 'period_start': 'year_start', 'period_end': 'period_end'} %}
{%- set company_report_day = {'entity_type': 'company', 'entity_id': "'classicmodels'", 'grain': 'day', 'period_start': 'as_of_date', 'period_end': 'as_of_date'} %}
with

yearly as (

    select * from {{ ref('fct_classicmodels_yearly') }}

),

summary as (

    select * from {{ ref('fct_classicmodels_summary') }}

),

measures as (

    {{ kpi_measure(kpi_id='classicmodels.revenue', relation='yearly', value='revenue', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.revenue_yoy', relation='yearly', value='revenue_yoy_pct', sample_size='prior_year_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.order_count', relation='yearly', value='order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.order_count_yoy', relation='yearly', value='order_count_yoy_pct', sample_size='prior_year_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.active_customers', relation='yearly', value='active_customer_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.active_customers_yoy', relation='yearly', value='active_customer_count_yoy_pct', sample_size='prior_year_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.avg_order_value', relation='yearly', value='avg_order_value', sample_size='revenue_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.avg_order_value_yoy', relation='yearly', value='avg_order_value_yoy_pct', sample_size='prior_year_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.on_time_rate', relation='yearly', value='on_time_rate_pct', sample_size='shipped_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.on_time_rate_change_pp', relation='yearly', value='on_time_rate_change_pp', sample_size='prior_year_shipped_order_count', **company_year) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.orders_total', relation='summary', value='order_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.customer_count', relation='summary', value='customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.product_count', relation='summary', value='product_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.employee_count', relation='summary', value='employee_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.country_count', relation='summary', value='country_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.customer_abc_a_count', relation='summary', value='customer_a_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.customer_abc_b_count', relation='summary', value='customer_b_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.customer_abc_c_count', relation='summary', value='customer_c_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.product_abc_a_count', relation='summary', value='product_a_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.product_abc_b_count', relation='summary', value='product_b_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.product_abc_c_count', relation='summary', value='product_c_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rep_abc_a_count', relation='summary', value='rep_a_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rep_abc_b_count', relation='summary', value='rep_b_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rep_abc_c_count', relation='summary', value='rep_c_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.top20_customer_revenue_share', relation='summary', value='top_20pct_customer_revenue_share_pct', sample_size='active_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.top10_product_revenue_share', relation='summary', value='top_10_product_revenue_share_pct', sample_size='product_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.top3_country_revenue_share', relation='summary', value='top_3_country_revenue_share_pct', sample_size='country_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.over_credited_count', relation='summary', value='over_credited_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.under_credited_count', relation='summary', value='under_credited_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.credit_amount_at_risk', relation='summary', value='credit_amount_at_risk', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rfm_top_share', relation='summary', value='rfm_top_share_pct', sample_size='active_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rfm_high_share', relation='summary', value='rfm_high_share_pct', sample_size='active_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rfm_mid_share', relation='summary', value='rfm_mid_share_pct', sample_size='active_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.rfm_low_share', relation='summary', value='rfm_low_share_pct', sample_size='active_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.avg_reorder_interval_days', relation='summary', value='avg_reorder_interval_days', sample_size='reordering_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.overdue_customer_count', relation='summary', value='overdue_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.churn_risk_customer_count', relation='summary', value='churn_risk_customer_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.churn_revenue_at_risk', relation='summary', value='churn_revenue_at_risk', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.top_pair_lift', relation='summary', value='top_pair_lift', sample_size='top_pair_order_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.max_customers_per_rep', relation='summary', value='max_customers_per_rep', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.growing_product_share', relation='summary', value='growing_product_share_pct', sample_size='product_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.declining_product_share', relation='summary', value='declining_product_share_pct', sample_size='product_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.customers_without_rep', relation='summary', value='customer_without_rep_count', **company_report_day) }}
    union all
    {{ kpi_measure(kpi_id='classicmodels.invalid_date_share', relation='summary', value='invalid_date_excluded_share_pct', sample_size='order_count', **company_report_day) }}

),

final as (

    select * from measures

)

select * from final
