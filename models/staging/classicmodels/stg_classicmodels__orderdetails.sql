-- Clean order line rows: the rows of base_classicmodels__orderdetails that passed every check.
with

orderdetails as (

    select * from {{ ref('base_classicmodels__orderdetails') }}

),

final as (

    select
        order_id,
        product_id,
        quantity_ordered,
        price_each,
        order_line_number
    from orderdetails
    where quarantine_reason is null

)

select * from final
