{{ config(materialized='table') }}
-- Every raw co-op fund row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'coop_funds') }}

),

vendors_keys as (

    -- A row is only as usable as its vendor: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__vendors', ['merchant_id', 'vendor_id'], 'has_clean_vendor') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(coop_fund_id) as coop_fund_id,
        trim(vendor_id) as vendor_id,
        {{ dbt.safe_cast('accrued_date', 'date') }} as accrued_date,
        {{ dbt.safe_cast('claim_deadline_date', 'date') }} as claim_deadline_date,
        {{ dbt.safe_cast('accrued_amount', dbt.type_numeric()) }} as accrued_amount,
        {{ dbt.safe_cast('claimed_amount', dbt.type_numeric()) }} as claimed_amount,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.coop_fund_id is null or typed.vendor_id is null
                then 'null_key'
            when typed.accrued_date is null then 'invalid_timestamp'
            when typed.claim_deadline_date is null then 'invalid_timestamp'
            when typed.accrued_amount is null or typed.accrued_amount < 0 then 'invalid_number'
            when typed.claimed_amount is null or typed.claimed_amount < 0 then 'invalid_number'
            when vendors_keys.vendor_id is null then 'orphan_key'
            when not vendors_keys.has_clean_vendor then 'parent_quarantined'
        end as row_defect
    from typed
    left join vendors_keys
        on
            typed.merchant_id = vendors_keys.merchant_id
            and typed.vendor_id = vendors_keys.vendor_id

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, coop_fund_id, row_defect
            order by loaded_at desc, vendor_id asc, accrued_date asc, claim_deadline_date asc, accrued_amount asc, claimed_amount asc
        ) as copy_number
    from checked

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
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
