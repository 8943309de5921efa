{{ config(materialized='table') }}
-- Every raw vendor row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'vendors') }}

),

merchants_keys as (

    -- A row is only as usable as its merchant: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__merchants', ['merchant_id'], 'has_clean_merchant') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(vendor_id) as vendor_id,
        trim(vendor_name) as vendor_name,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.vendor_id is null then 'null_key'
            when merchants_keys.merchant_id is null then 'orphan_key'
            when not merchants_keys.has_clean_merchant then 'parent_quarantined'
        end as row_defect
    from typed
    left join merchants_keys
        on typed.merchant_id = merchants_keys.merchant_id

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, vendor_id, row_defect
            order by loaded_at desc, vendor_name asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        vendor_id,
        vendor_name,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
