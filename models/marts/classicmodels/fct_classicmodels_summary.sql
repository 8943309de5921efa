-- One row as of the report date: the company-wide figures of spec 002 (counts, concentration,
-- ABC and RFM distributions, credit risk, overdue and churn, the top cross-sell lift, data
-- quality) that kpi_measures__classicmodels turns into KPIs and docs/classicmodels.md checks.
with

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

customers as (

    select * from {{ ref('dim_classicmodels_customers') }}

),

counted_customers as (

    select
        *,
        count(*) over () as customer_total
    from customers

),

products as (

    select * from {{ ref('dim_classicmodels_products') }}

),

reps as (

    select * from {{ ref('dim_classicmodels_sales_reps') }}

),

countries as (

    select * from {{ ref('fct_classicmodels_country_sales') }}

),

rfm as (

    select * from {{ ref('fct_classicmodels_customer_rfm') }}

),

pairs as (

    select * from {{ ref('fct_classicmodels_product_pairs') }}

),

exclusions as (

    select * from {{ ref('fct_classicmodels_kpi_exclusions') }}

),

order_figures as (

    select
        count(*) as order_count,
        sum(revenue) as revenue,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(sum(revenue) as {{ dbt.type_float() }}) / nullif(sum(case when is_revenue_order then 1 else 0 end), 0) as avg_order_value,
        cast(100.0 * sum(case when is_on_time then 1 else 0 end) as {{ dbt.type_float() }})
        / nullif(sum(case when is_delivery_judged then 1 else 0 end), 0) as on_time_rate_pct
    from orders

),

customer_figures as (

    select
        count(*) as customer_count,
        sum(case when order_count > 0 then 1 else 0 end) as active_customer_count,
        count(distinct country) as country_count,
        sum(case when abc_class = 'A' then 1 else 0 end) as customer_a_count,
        sum(case when abc_class = 'B' then 1 else 0 end) as customer_b_count,
        sum(case when abc_class = 'C' then 1 else 0 end) as customer_c_count,
        -- Spec: "top 20 % of customers generate 70 %+ of revenue" (20 % of all customers, rounded).
        sum(case when revenue_rank <= round(0.2 * customer_total) then revenue_share_pct else 0 end)
            as top_20pct_customer_revenue_share_pct,
        sum(case when not has_sales_rep then 1 else 0 end) as customer_without_rep_count,
        avg(case when has_sales_rep and order_count > 0 then revenue end) as avg_revenue_with_rep,
        avg(case when not has_sales_rep and order_count > 0 then revenue end) as avg_revenue_without_rep,
        sum(case when credit_alignment = 'over_credited' then 1 else 0 end) as over_credited_count,
        sum(case when credit_alignment = 'under_credited' then 1 else 0 end) as under_credited_count,
        sum(amount_at_risk) as credit_amount_at_risk,
        avg(unused_credit) as avg_unused_credit_over_credited
    from counted_customers

),

product_figures as (

    select
        count(*) as product_count,
        count(distinct product_line) as product_line_count,
        sum(case when abc_class = 'A' then 1 else 0 end) as product_a_count,
        sum(case when abc_class = 'B' then 1 else 0 end) as product_b_count,
        sum(case when abc_class = 'C' then 1 else 0 end) as product_c_count,
        sum(case when revenue_rank <= 10 then revenue_share_pct else 0 end) as top_10_product_revenue_share_pct,
        cast(100.0 * sum(case when demand_trend = 'growing' then 1 else 0 end) as {{ dbt.type_float() }}) / count(*) as growing_product_share_pct,
        cast(100.0 * sum(case when demand_trend = 'declining' then 1 else 0 end) as {{ dbt.type_float() }}) / count(*) as declining_product_share_pct
    from products

),

rep_figures as (

    select
        count(*) as employee_count,
        sum(case when customer_count > 0 then 1 else 0 end) as rep_with_customers_count,
        count(distinct office_id) as office_count,
        sum(case when abc_class = 'A' then 1 else 0 end) as rep_a_count,
        sum(case when abc_class = 'B' then 1 else 0 end) as rep_b_count,
        sum(case when abc_class = 'C' then 1 else 0 end) as rep_c_count,
        max(customer_count) as max_customers_per_rep
    from reps

),

country_figures as (

    select
        sum(case when revenue_rank <= 3 then revenue_share_pct else 0 end) as top_3_country_revenue_share_pct,
        sum(case when not has_office then 1 else 0 end) as country_without_office_count
    from countries

),

rfm_figures as (

    select
        cast(100.0 * sum(case when rfm_tier = 'top' then 1 else 0 end) as {{ dbt.type_float() }}) / count(*) as rfm_top_share_pct,
        cast(100.0 * sum(case when rfm_tier = 'high' then 1 else 0 end) as {{ dbt.type_float() }}) / count(*) as rfm_high_share_pct,
        cast(100.0 * sum(case when rfm_tier = 'mid' then 1 else 0 end) as {{ dbt.type_float() }}) / count(*) as rfm_mid_share_pct,
        cast(100.0 * sum(case when rfm_tier = 'low' then 1 else 0 end) as {{ dbt.type_float() }}) / count(*) as rfm_low_share_pct,
        {{ exact_avg('avg_reorder_interval_days') }} as avg_reorder_interval_days,
        count(avg_reorder_interval_days) as reordering_customer_count,
        sum(case when is_overdue then 1 else 0 end) as overdue_customer_count,
        sum(case when is_churn_risk then 1 else 0 end) as churn_risk_customer_count,
        sum(revenue_at_risk) as churn_revenue_at_risk
    from rfm

),

top_pair as (

    select
        lift as top_pair_lift,
        pair_order_count as top_pair_order_count,
        product_a_name || ' + ' || product_b_name as top_lift_pair
    from pairs
    where lift_rank = 1

),

date_quality as (

    select excluded_share_pct as invalid_date_excluded_share_pct
    from exclusions
    where kpi_scope = 'any_date_field'

),

final as (

    select
        order_figures.*,
        customer_figures.*,
        product_figures.*,
        rep_figures.*,
        country_figures.*,
        rfm_figures.*,
        as_of.as_of_date,
        top_pair.top_lift_pair,
        top_pair.top_pair_lift,
        top_pair.top_pair_order_count,
        date_quality.invalid_date_excluded_share_pct
    from as_of
    cross join order_figures
    cross join customer_figures
    cross join product_figures
    cross join rep_figures
    cross join country_figures
    cross join rfm_figures
    cross join date_quality
    -- No pair with enough common orders leaves the lift NULL (NO_DATA), not the row missing.
    left join top_pair
        on 1 = 1

)

select * from final
