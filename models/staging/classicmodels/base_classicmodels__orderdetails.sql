-- Every raw order-line row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'orderdetails') }}

),

order_keys as (

    -- A line is only as usable as its order: known and with at least one clean copy.
    {{ clean_parent_keys('base_classicmodels__orders', ['order_id'], 'has_clean_order') }}

),

product_keys as (

    {{ clean_parent_keys('base_classicmodels__products', ['product_id'], 'has_clean_product') }}

),

typed as (

    select
        {{ dbt.safe_cast(clean_text('orderNumber'), dbt.type_int()) }} as order_id,
        {{ clean_text('productCode') }} as product_id,
        {{ dbt.safe_cast(clean_text('quantityOrdered'), dbt.type_int()) }} as quantity_ordered,
        {{ dbt.safe_cast(clean_text('priceEach'), dbt.type_numeric()) }} as price_each,
        {{ dbt.safe_cast(clean_text('orderLineNumber'), dbt.type_int()) }} as order_line_number
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.order_id is null or typed.product_id is null then 'null_key'
            when typed.quantity_ordered is null or typed.quantity_ordered <= 0 then 'invalid_number'
            when typed.price_each is null or typed.price_each < 0 then 'invalid_number'
            when order_keys.order_id is null or product_keys.product_id is null then 'orphan_key'
            when not order_keys.has_clean_order or not product_keys.has_clean_product
                then 'parent_quarantined'
        end as row_defect
    from typed
    left join order_keys
        on typed.order_id = order_keys.order_id
    left join product_keys
        on typed.product_id = product_keys.product_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by order_id, product_id, row_defect
            order by order_line_number, quantity_ordered, price_each
        ) as copy_number
    from checked

),

final as (

    select
        order_id,
        product_id,
        quantity_ordered,
        price_each,
        order_line_number,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
