{{ config(materialized='table') }}
-- Every raw purchase order row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'purchase_orders') }}

),

vendors_keys as (

    -- A row is only as usable as its vendor: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__vendors', ['merchant_id', 'vendor_id'], 'has_clean_vendor') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(po_id) as po_id,
        trim(vendor_id) as vendor_id,
        {{ dbt.safe_cast('ordered_at', dbt.type_timestamp()) }} as ordered_at,
        {{ dbt.safe_cast('window_start_date', 'date') }} as window_start_date,
        {{ dbt.safe_cast('window_end_date', 'date') }} as window_end_date,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.po_id is null or typed.vendor_id is null then 'null_key'
            when typed.ordered_at is null then 'invalid_timestamp'
            when typed.window_start_date is null then 'invalid_timestamp'
            when typed.window_end_date is null then 'invalid_timestamp'
            when typed.window_end_date < typed.window_start_date then 'invalid_timestamp'
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
            partition by merchant_id, po_id, row_defect
            order by loaded_at desc, vendor_id asc, ordered_at asc, window_start_date asc, window_end_date asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        po_id,
        vendor_id,
        ordered_at,
        window_start_date,
        window_end_date,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
