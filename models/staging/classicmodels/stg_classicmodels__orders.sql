-- Clean order rows: the rows of base_classicmodels__orders that passed every check.
with

orders as (

    select * from {{ ref('base_classicmodels__orders') }}

),

final as (

    select
        order_id,
        customer_id,
        order_date,
        required_date,
        shipped_date,
        order_status,
        order_comments,
        is_required_date_invalid,
        is_shipped_date_invalid
    from orders
    where quarantine_reason is null

)

select * from final
