-- Clean customer rows: the rows of base_classicmodels__customers that passed every check.
with

customers as (

    select * from {{ ref('base_classicmodels__customers') }}

),

final as (

    select
        customer_id,
        customer_name,
        contact_last_name,
        contact_first_name,
        phone,
        address_line_1,
        address_line_2,
        city,
        state,
        postal_code,
        country,
        sales_rep_employee_id,
        credit_limit
    from customers
    where quarantine_reason is null

)

select * from final
