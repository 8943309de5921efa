{{ config(materialized='table') }}
-- Every raw sales audit row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'sales_audits') }}

),

stores_keys as (

    -- A row is only as usable as its store: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__stores', ['merchant_id', 'store_id'], 'has_clean_store') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(store_id) as store_id,
        {{ dbt.safe_cast('business_date', 'date') }} as business_date,
        lower(trim(audit_status)) as audit_status,
        audited_at as audited_at_raw,
        {{ dbt.safe_cast('audited_at', dbt.type_timestamp()) }} as audited_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.store_id is null or typed.business_date is null
                then 'null_key'
            when typed.audited_at_raw is not null and typed.audited_at is null then 'invalid_timestamp'
            when
                typed.audit_status is null or typed.audit_status not in ('audited', 'open', 'exception')
                then 'invalid_enum'
            when stores_keys.store_id is null then 'orphan_key'
            when not stores_keys.has_clean_store then 'parent_quarantined'
        end as row_defect
    from typed
    left join stores_keys
        on
            typed.merchant_id = stores_keys.merchant_id
            and typed.store_id = stores_keys.store_id

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, store_id, business_date, row_defect
            order by loaded_at desc, audit_status asc, audited_at asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        store_id,
        business_date,
        audit_status,
        audited_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
