{{ config(materialized='table') }}
-- Every raw EDI transaction row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'edi_transactions') }}

),

vendors_keys as (

    -- A row is only as usable as its vendor: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__vendors', ['merchant_id', 'vendor_id'], 'has_clean_vendor') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(edi_transaction_id) as edi_transaction_id,
        trim(vendor_id) as vendor_id,
        lower(trim(transaction_type)) as transaction_type,
        {{ dbt.safe_cast('transmitted_at', dbt.type_timestamp()) }} as transmitted_at,
        {{ dbt.safe_cast('is_correct', dbt.type_boolean()) }} as is_correct,
        {{ dbt.safe_cast('is_on_time', dbt.type_boolean()) }} as is_on_time,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.edi_transaction_id is null or typed.vendor_id is null
                then 'null_key'
            when typed.transmitted_at is null then 'invalid_timestamp'
            when
                typed.transaction_type is null or typed.transaction_type not in ('850', '855', '856', '810')
                then 'invalid_enum'
            when typed.is_correct is null then 'invalid_enum'
            when typed.is_on_time is null then 'invalid_enum'
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
            partition by merchant_id, edi_transaction_id, row_defect
            order by loaded_at desc, vendor_id asc, transaction_type asc, transmitted_at asc, is_correct asc, is_on_time asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        edi_transaction_id,
        vendor_id,
        transaction_type,
        transmitted_at,
        is_correct,
        is_on_time,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
