-- Clean shop activations: the rows of base_ops__shop_activations that passed every check.
with

shop_activations as (

    select * from {{ ref('base_ops__shop_activations') }}

),

final as (

    select
        merchant_id,
        activity_date,
        shops_live,
        shops_active,
        loaded_at
    from shop_activations
    where quarantine_reason is null

)

select * from final
