{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Spec 002 Classic Models KPIs for the one company: the five executive cards and their YoY per
-- year, and the report's snapshot figures as of its report date (grain day, period = as_of).
{%- set yearly_kpis = [
    ('classicmodels.revenue', 'revenue'),
    ('classicmodels.revenue_yoy', 'revenue_yoy_pct'),
    ('classicmodels.order_count', 'order_count'),
    ('classicmodels.order_count_yoy', 'order_count_yoy_pct'),
    ('classicmodels.active_customers', 'active_customer_count'),
    ('classicmodels.active_customers_yoy', 'active_customer_count_yoy_pct'),
    ('classicmodels.avg_order_value', 'avg_order_value'),
    ('classicmodels.avg_order_value_yoy', 'avg_order_value_yoy_pct'),
    ('classicmodels.on_time_rate', 'on_time_rate_pct'),
    ('classicmodels.on_time_rate_change_pp', 'on_time_rate_change_pp'),
] -%}
{%- set snapshot_kpis = [
    ('classicmodels.orders_total', 'order_count'),
    ('classicmodels.customer_count', 'customer_count'),
    ('classicmodels.product_count', 'product_count'),
    ('classicmodels.employee_count', 'employee_count'),
    ('classicmodels.country_count', 'country_count'),
    ('classicmodels.customer_abc_a_count', 'customer_a_count'),
    ('classicmodels.customer_abc_b_count', 'customer_b_count'),
    ('classicmodels.customer_abc_c_count', 'customer_c_count'),
    ('classicmodels.product_abc_a_count', 'product_a_count'),
    ('classicmodels.product_abc_b_count', 'product_b_count'),
    ('classicmodels.product_abc_c_count', 'product_c_count'),
    ('classicmodels.rep_abc_a_count', 'rep_a_count'),
    ('classicmodels.rep_abc_b_count', 'rep_b_count'),
    ('classicmodels.rep_abc_c_count', 'rep_c_count'),
    ('classicmodels.top20_customer_revenue_share', 'top_20pct_customer_revenue_share_pct'),
    ('classicmodels.top10_product_revenue_share', 'top_10_product_revenue_share_pct'),
    ('classicmodels.top3_country_revenue_share', 'top_3_country_revenue_share_pct'),
    ('classicmodels.over_credited_count', 'over_credited_count'),
    ('classicmodels.under_credited_count', 'under_credited_count'),
    ('classicmodels.credit_amount_at_risk', 'credit_amount_at_risk'),
    ('classicmodels.rfm_top_share', 'rfm_top_share_pct'),
    ('classicmodels.rfm_high_share', 'rfm_high_share_pct'),
    ('classicmodels.rfm_mid_share', 'rfm_mid_share_pct'),
    ('classicmodels.rfm_low_share', 'rfm_low_share_pct'),
    ('classicmodels.avg_reorder_interval_days', 'avg_reorder_interval_days'),
    ('classicmodels.overdue_customer_count', 'overdue_customer_count'),
    ('classicmodels.churn_risk_customer_count', 'churn_risk_customer_count'),
    ('classicmodels.churn_revenue_at_risk', 'churn_revenue_at_risk'),
    ('classicmodels.top_pair_lift', 'top_pair_lift'),
    ('classicmodels.max_customers_per_rep', 'max_customers_per_rep'),
    ('classicmodels.growing_product_share', 'growing_product_share_pct'),
    ('classicmodels.declining_product_share', 'declining_product_share_pct'),
    ('classicmodels.customers_without_rep', 'customer_without_rep_count'),
    ('classicmodels.invalid_date_share', 'invalid_date_excluded_share_pct'),
] %}
with

yearly as (

    select * from {{ ref('fct_classicmodels_yearly') }}

),

summary as (

    select * from {{ ref('fct_classicmodels_summary') }}

),

measures as (

    {% for kpi_id, column in yearly_kpis -%}
        {{ kpi_measure(kpi_id, 'yearly', 'company', "'classicmodels'", 'year', 'year_start', 'period_end', column) }}
        union all
    {% endfor -%}
    {% for kpi_id, column in snapshot_kpis -%}
        {{ kpi_measure(kpi_id, 'summary', 'company', "'classicmodels'", 'day', 'as_of_date', 'as_of_date', column) }}
        {%- if not loop.last %}
            union all
        {% endif -%}
    {%- endfor %}

),

final as (

    select * from measures

)

select * from final
