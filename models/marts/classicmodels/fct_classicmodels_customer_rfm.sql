-- Predictive layer, one row per customer with at least one order up to as_of: RFM scores and
-- tier, average reorder interval and predicted next order, overdue and churn-risk flags.
with

customers as (

    select * from {{ ref('int_classicmodels_customers_aggregated') }}

),

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

ordering as (

    -- Recency and frequency count every order (placing one, even later cancelled, is activity);
    -- monetary is revenue, so cancelled orders add nothing.
    select
        customers.customer_id,
        customers.customer_name,
        customers.country,
        customers.order_count,
        customers.revenue,
        customers.first_order_date,
        customers.last_order_date,
        as_of.as_of_date,
        {{ dbt.datediff('customers.last_order_date', 'as_of.as_of_date', 'day') }} as recency_days,
        -- The mean gap between consecutive orders equals the first-to-last span over the gaps.
        case
            when customers.order_count >= 2
                then
                    1.0 * {{ dbt.datediff('customers.first_order_date', 'customers.last_order_date', 'day') }}
                    / (customers.order_count - 1)
        end as avg_reorder_interval_days
    from customers
    cross join as_of
    where customers.order_count > 0

),

scored as (

    -- Tie-aware quintiles, 5 = best: equal values score alike (43 customers have 3 orders).
    select
        *,
        {{ midrank_quintile('recency_days', best='lowest') }} as recency_score,
        {{ midrank_quintile('order_count', best='highest') }} as frequency_score,
        {{ midrank_quintile('revenue', best='highest') }} as monetary_score
    from ordering

),

final as (

    select
        customer_id,
        customer_name,
        country,
        order_count,
        revenue,
        first_order_date,
        last_order_date,
        recency_days,
        recency_score,
        frequency_score,
        monetary_score,
        avg_reorder_interval_days,
        recency_score + frequency_score + monetary_score as rfm_score,
        case
            when recency_score + frequency_score + monetary_score >= 13 then 'top'
            when recency_score + frequency_score + monetary_score >= 10 then 'high'
            when recency_score + frequency_score + monetary_score >= 7 then 'mid'
            else 'low'
        end as rfm_tier,
        case
            when avg_reorder_interval_days is not null
                then cast(
                    {{ dbt.dateadd('day', 'cast(round(avg_reorder_interval_days) as integer)', 'last_order_date') }}
                    as date
                )
        end as predicted_next_order_date,
        recency_days > {{ var('classicmodels_overdue_days') }} as is_overdue,
        recency_days > {{ var('classicmodels_churn_days') }} as is_churn_risk,
        case when recency_days > {{ var('classicmodels_churn_days') }} then revenue else 0 end as revenue_at_risk
    from scored

)

select * from final
