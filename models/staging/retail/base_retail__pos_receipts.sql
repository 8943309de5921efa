{{ config(materialized='table') }}
-- Every raw receipt row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'pos_receipts') }}

),

stores_keys as (

    -- A row is only as usable as its store: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__stores', ['merchant_id', 'store_id'], 'has_clean_store') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(receipt_id) as receipt_id,
        trim(store_id) as store_id,
        trim(register_id) as register_id,
        {{ dbt.safe_cast('sequence_number', dbt.type_int()) }} as sequence_number,
        {{ dbt.safe_cast('receipt_at', dbt.type_timestamp()) }} as receipt_at,
        lower(trim(receipt_type)) as receipt_type,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.receipt_id is null or typed.store_id is null or typed.register_id is null
                then 'null_key'
            when typed.receipt_at is null then 'invalid_timestamp'
            when typed.sequence_number is null or typed.sequence_number < 1 then 'invalid_number'
            when
                typed.receipt_type is null or typed.receipt_type not in ('sale', 'return')
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
            partition by merchant_id, receipt_id, row_defect
            order by loaded_at desc, store_id asc, register_id asc, sequence_number asc, receipt_at asc, receipt_type asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        receipt_id,
        store_id,
        register_id,
        sequence_number,
        receipt_at,
        receipt_type,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
