-- Clean vendors: the rows of base_retail__vendors that passed every check (the rest are quarantined).
with

vendors as (

    select * from {{ ref('base_retail__vendors') }}

),

final as (

    select
        merchant_id,
        vendor_id,
        vendor_name,
        loaded_at
    from vendors
    where quarantine_reason is null

)

select * from final
