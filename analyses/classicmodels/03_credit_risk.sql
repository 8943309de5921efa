{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Diagnostic view: customers whose credit limit and sales are more than 2:1 apart, with the
-- outstanding balance at risk.
with

customers as (

    select * from {{ ref('dim_classicmodels_customers') }}

),

final as (

    select
        credit_alignment,
        customer_id,
        customer_name,
        country,
        credit_limit,
        revenue,
        credit_utilisation_ratio,
        outstanding_balance,
        amount_at_risk,
        unused_credit
    from customers
    where is_credit_misaligned

)

select * from final
order by credit_alignment asc, amount_at_risk desc, customer_id asc
