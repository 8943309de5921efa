-- Every raw product row, typed and trimmed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'products') }}

),

line_keys as (

    -- A product is only as usable as its product line: known and with a clean copy.
    {{ clean_parent_keys('base_classicmodels__productlines', ['product_line'], 'has_clean_line') }}

),

typed as (

    select
        {{ clean_text('productCode') }} as product_id,
        {{ clean_text('productName') }} as product_name,
        {{ clean_text('productLine') }} as product_line,
        {{ clean_text('productScale') }} as product_scale,
        {{ clean_text('productVendor') }} as product_vendor,
        {{ clean_text('productDescription') }} as product_description,
        {{ dbt.safe_cast(clean_text('quantityInStock'), dbt.type_int()) }} as quantity_in_stock,
        {{ dbt.safe_cast(clean_text('buyPrice'), dbt.type_numeric()) }} as buy_price,
        {{ dbt.safe_cast(clean_text('MSRP'), dbt.type_numeric()) }} as msrp
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.product_id is null then 'null_key'
            when typed.quantity_in_stock is null or typed.quantity_in_stock < 0 then 'invalid_number'
            when typed.buy_price is null or typed.buy_price < 0 then 'invalid_number'
            when typed.msrp is null or typed.msrp < 0 then 'invalid_number'
            when line_keys.product_line is null then 'orphan_key'
            when not line_keys.has_clean_line then 'parent_quarantined'
        end as row_defect
    from typed
    left join line_keys
        on typed.product_line = line_keys.product_line

),

ranked as (

    select
        *,
        row_number() over (
            partition by product_id, row_defect
            order by product_name, product_line
        ) as copy_number
    from checked

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
        msrp,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
