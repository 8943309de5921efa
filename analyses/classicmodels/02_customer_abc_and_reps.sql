{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Analytical view: customers by ABC class with their sales rep; unassigned accounts last.
with

customers as (

    select * from {{ ref('dim_classicmodels_customers') }}

),

final as (

    select
        abc_class,
        customer_id,
        customer_name,
        country,
        region,
        sales_rep_name,
        order_count,
        revenue,
        revenue_share_pct
    from customers

)

select * from final
order by abc_class asc, revenue desc, customer_id asc
