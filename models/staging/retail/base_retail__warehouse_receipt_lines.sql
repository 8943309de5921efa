{{ config(materialized='table') }}
-- Every raw warehouse receipt line row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'warehouse_receipt_lines') }}

),

warehouse_receipts_keys as (

    -- A row is only as usable as its warehouse receipt: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__warehouse_receipts', ['merchant_id', 'warehouse_receipt_id'], 'has_clean_warehouse_receipt') }}

),

products_keys as (

    -- A row is only as usable as its product: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__products', ['merchant_id', 'sku'], 'has_clean_product') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(warehouse_receipt_id) as warehouse_receipt_id,
        {{ dbt.safe_cast('line_number', dbt.type_int()) }} as line_number,
        trim(sku) as sku,
        {{ dbt.safe_cast('units_received', dbt.type_int()) }} as units_received,
        {{ dbt.safe_cast('units_rejected', dbt.type_int()) }} as units_rejected,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.warehouse_receipt_id is null or typed.line_number is null or typed.sku is null
                then 'null_key'
            when typed.units_received is null or typed.units_received < 0 then 'invalid_number'
            when typed.units_rejected is null or typed.units_rejected < 0 then 'invalid_number'
            when typed.units_rejected > typed.units_received then 'invalid_number'
            when warehouse_receipts_keys.warehouse_receipt_id is null then 'orphan_key'
            when not warehouse_receipts_keys.has_clean_warehouse_receipt then 'parent_quarantined'
            when products_keys.sku is null then 'orphan_key'
            when not products_keys.has_clean_product then 'parent_quarantined'
        end as row_defect
    from typed
    left join warehouse_receipts_keys
        on
            typed.merchant_id = warehouse_receipts_keys.merchant_id
            and typed.warehouse_receipt_id = warehouse_receipts_keys.warehouse_receipt_id
    left join products_keys
        on
            typed.merchant_id = products_keys.merchant_id
            and typed.sku = products_keys.sku

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, warehouse_receipt_id, line_number, row_defect
            order by loaded_at desc, sku asc, units_received asc, units_rejected asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        warehouse_receipt_id,
        line_number,
        sku,
        units_received,
        units_rejected,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
