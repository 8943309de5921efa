{{ config(materialized='table') }}
-- Every raw ASN row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'asns') }}

),

purchase_orders_keys as (

    -- A row is only as usable as its purchase order: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__purchase_orders', ['merchant_id', 'po_id'], 'has_clean_purchase_order') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(asn_id) as asn_id,
        trim(po_id) as po_id,
        {{ dbt.safe_cast('shipped_at', dbt.type_timestamp()) }} as shipped_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.asn_id is null or typed.po_id is null then 'null_key'
            when typed.shipped_at is null then 'invalid_timestamp'
            when purchase_orders_keys.po_id is null then 'orphan_key'
            when not purchase_orders_keys.has_clean_purchase_order then 'parent_quarantined'
        end as row_defect
    from typed
    left join purchase_orders_keys
        on
            typed.merchant_id = purchase_orders_keys.merchant_id
            and typed.po_id = purchase_orders_keys.po_id

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, asn_id, row_defect
            order by loaded_at desc, po_id asc, shipped_at asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        asn_id,
        po_id,
        shipped_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
