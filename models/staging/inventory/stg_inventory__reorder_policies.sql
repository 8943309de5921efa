-- Clean reorder policies: the rows of base_inventory__reorder_policies that passed every check.
with

policies as (

    select * from {{ ref('base_inventory__reorder_policies') }}

),

final as (

    select
        merchant_id,
        sku,
        reorder_point,
        lead_time_days,
        loaded_at
    from policies
    where quarantine_reason is null

)

select * from final
