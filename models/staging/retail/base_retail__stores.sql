{{ config(materialized='table') }}
-- Every raw store row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'stores') }}

),

merchants_keys as (

    -- A row is only as usable as its merchant: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__merchants', ['merchant_id'], 'has_clean_merchant') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(store_id) as store_id,
        trim(store_name) as store_name,
        {{ dbt.safe_cast('opened_date', 'date') }} as opened_date,
        closed_date as closed_date_raw,
        {{ dbt.safe_cast('closed_date', 'date') }} as closed_date,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.store_id is null then 'null_key'
            when typed.opened_date is null then 'invalid_timestamp'
            when typed.closed_date_raw is not null and typed.closed_date is null then 'invalid_timestamp'
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
            partition by merchant_id, store_id, row_defect
            order by loaded_at desc, store_name asc, opened_date asc, closed_date asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        store_id,
        store_name,
        opened_date,
        closed_date,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
