-- Every raw product-line row, trimmed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'productlines') }}

),

typed as (

    select
        {{ clean_text('productLine') }} as product_line,
        {{ clean_text('textDescription') }} as text_description
    from source

),

checked as (

    select
        *,
        row_number() over (partition by product_line order by text_description) as copy_number
    from typed

),

final as (

    select
        product_line,
        text_description,
        case
            when product_line is null then 'null_key'
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from checked

)

select * from final
