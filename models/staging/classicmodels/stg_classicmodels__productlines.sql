-- Clean product line rows: the rows of base_classicmodels__productlines that passed every check.
with

productlines as (

    select * from {{ ref('base_classicmodels__productlines') }}

),

final as (

    select
        product_line,
        text_description
    from productlines
    where quarantine_reason is null

)

select * from final
