-- Clean merchants: the rows of base_retail__merchants that passed every check (the rest are quarantined).
with

merchants as (

    select * from {{ ref('base_retail__merchants') }}

),

final as (

    select
        merchant_id,
        merchant_name,
        created_at,
        loaded_at
    from merchants
    where quarantine_reason is null

)

select * from final
