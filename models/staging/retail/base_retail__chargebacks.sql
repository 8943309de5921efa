{{ config(materialized='table') }}
-- Every raw chargeback row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'chargebacks') }}

),

vendors_keys as (

    -- A row is only as usable as its vendor: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__vendors', ['merchant_id', 'vendor_id'], 'has_clean_vendor') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(chargeback_id) as chargeback_id,
        trim(vendor_id) as vendor_id,
        {{ dbt.safe_cast('issued_date', 'date') }} as issued_date,
        credited_date as credited_date_raw,
        {{ dbt.safe_cast('credited_date', 'date') }} as credited_date,
        {{ dbt.safe_cast('chargeback_amount', dbt.type_numeric()) }} as chargeback_amount,
        lower(trim(reason)) as reason,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.chargeback_id is null or typed.vendor_id is null
                then 'null_key'
            when typed.issued_date is null then 'invalid_timestamp'
            when typed.credited_date_raw is not null and typed.credited_date is null then 'invalid_timestamp'
            when typed.credited_date < typed.issued_date then 'invalid_timestamp'
            when typed.chargeback_amount is null or typed.chargeback_amount < 0 then 'invalid_number'
            when
                typed.reason is null or typed.reason not in ('late_delivery', 'short_shipment', 'asn_error', 'label_error', 'quality')
                then 'invalid_enum'
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
            partition by merchant_id, chargeback_id, row_defect
            order by loaded_at desc, vendor_id asc, issued_date asc, credited_date asc, chargeback_amount asc, reason asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        chargeback_id,
        vendor_id,
        issued_date,
        credited_date,
        chargeback_amount,
        reason,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
