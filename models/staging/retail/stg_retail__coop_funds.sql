-- Clean coop_funds: the rows of base_retail__coop_funds that passed every check (the rest are quarantined).
with

coop_funds as (

    select * from {{ ref('base_retail__coop_funds') }}

),

final as (

    select
        merchant_id,
        coop_fund_id,
        vendor_id,
        accrued_date,
        claim_deadline_date,
        accrued_amount,
        claimed_amount,
        loaded_at
    from coop_funds
    where quarantine_reason is null

)

select * from final
