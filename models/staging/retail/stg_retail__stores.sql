-- Clean stores: the rows of base_retail__stores that passed every check (the rest are quarantined).
with

stores as (

    select * from {{ ref('base_retail__stores') }}

),

final as (

    select
        merchant_id,
        store_id,
        store_name,
        opened_date,
        closed_date,
        loaded_at
    from stores
    where quarantine_reason is null

)

select * from final
