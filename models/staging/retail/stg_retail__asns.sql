-- Clean asns: the rows of base_retail__asns that passed every check (the rest are quarantined).
with

asns as (

    select * from {{ ref('base_retail__asns') }}

),

final as (

    select
        merchant_id,
        asn_id,
        po_id,
        shipped_at,
        loaded_at
    from asns
    where quarantine_reason is null

)

select * from final
