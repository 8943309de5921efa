{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Predictive view: overdue and churn-risk customers to call, best RFM first, with the date
-- their next order was expected.
with

rfm as (

    select * from {{ ref('fct_classicmodels_customer_rfm') }}

),

final as (

    select
        customer_id,
        customer_name,
        country,
        rfm_tier,
        rfm_score,
        last_order_date,
        recency_days,
        avg_reorder_interval_days,
        predicted_next_order_date,
        is_churn_risk,
        revenue_at_risk
    from rfm
    where is_overdue

)

select * from final
order by rfm_score desc, recency_days asc, customer_id asc
