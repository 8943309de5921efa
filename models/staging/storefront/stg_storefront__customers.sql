-- Clean customers: the rows of base_storefront__customers that passed every check (the rest are quarantined).
with

customers as (

    select * from {{ ref('base_storefront__customers') }}

),

final as (

    select
        merchant_id,
        customer_id,
        country_code,
        accepts_marketing,
        created_at,
        loaded_at
    from customers
    where quarantine_reason is null

)

select * from final
