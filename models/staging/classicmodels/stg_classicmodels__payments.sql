-- Clean payment rows: the rows of base_classicmodels__payments that passed every check.
with

payments as (

    select * from {{ ref('base_classicmodels__payments') }}

),

final as (

    select
        customer_id,
        check_number,
        payment_date,
        amount
    from payments
    where quarantine_reason is null

)

select * from final
