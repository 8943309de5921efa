-- Clean product rows: the rows of base_classicmodels__products that passed every check.
with

products as (

    select * from {{ ref('base_classicmodels__products') }}

),

final as (

    select
        product_id,
        product_name,
        product_line,
        product_scale,
        product_vendor,
        product_description,
        quantity_in_stock,
        buy_price,
        msrp
    from products
    where quarantine_reason is null

)

select * from final
