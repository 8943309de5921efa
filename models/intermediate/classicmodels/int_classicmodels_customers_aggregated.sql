-- One row per clean customer (with or without orders) with its order history up to as_of:
-- orders, revenue, first and last order dates, payments and the outstanding balance.
with

customers as (

    select * from {{ ref('stg_classicmodels__customers') }}

),

orders as (

    select * from {{ ref('int_classicmodels_orders_enriched') }}

),

payments as (

    select * from {{ ref('stg_classicmodels__payments') }}

),

regions as (

    select * from {{ ref('classicmodels_country_regions') }}

),

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

order_history as (

    select
        customer_id,
        count(*) as order_count,
        sum(case when is_revenue_order then 1 else 0 end) as revenue_order_count,
        sum(revenue) as revenue,
        min(order_date) as first_order_date,
        max(order_date) as last_order_date
    from orders
    group by customer_id

),

payment_history as (

    select
        payments.customer_id,
        sum(payments.amount) as payments_total
    from payments
    cross join as_of
    where payments.payment_date <= as_of.as_of_date
    group by payments.customer_id

),

final as (

    select
        customers.customer_id,
        customers.customer_name,
        customers.country,
        customers.sales_rep_employee_id,
        customers.credit_limit,
        order_history.first_order_date,
        order_history.last_order_date,
        coalesce(regions.region, 'Other') as region,
        customers.sales_rep_employee_id is not null as has_sales_rep,
        coalesce(order_history.order_count, 0) as order_count,
        coalesce(order_history.revenue_order_count, 0) as revenue_order_count,
        -- A customer without orders has truly sold nothing: 0, not unknown.
        coalesce(order_history.revenue, 0) as revenue,
        coalesce(payment_history.payments_total, 0) as payments_total,
        case
            when coalesce(order_history.revenue, 0) > coalesce(payment_history.payments_total, 0)
                then coalesce(order_history.revenue, 0) - coalesce(payment_history.payments_total, 0)
            else 0
        end as outstanding_balance
    from customers
    left join regions
        on customers.country = regions.country
    left join order_history
        on customers.customer_id = order_history.customer_id
    left join payment_history
        on customers.customer_id = payment_history.customer_id

)

select * from final
