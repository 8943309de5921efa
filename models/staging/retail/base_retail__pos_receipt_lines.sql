{{ config(materialized='table') }}
-- Every raw receipt line row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'pos_receipt_lines') }}

),

pos_receipts_keys as (

    -- A row is only as usable as its receipt: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__pos_receipts', ['merchant_id', 'receipt_id'], 'has_clean_receipt') }}

),

products_keys as (

    -- A row is only as usable as its product: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__products', ['merchant_id', 'sku'], 'has_clean_product') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(receipt_id) as receipt_id,
        {{ dbt.safe_cast('line_number', dbt.type_int()) }} as line_number,
        trim(sku) as sku,
        {{ dbt.safe_cast('units', dbt.type_int()) }} as units,
        {{ dbt.safe_cast('retail_amount', dbt.type_numeric()) }} as retail_amount,
        {{ dbt.safe_cast('markdown_amount', dbt.type_numeric()) }} as markdown_amount,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.receipt_id is null or typed.line_number is null or typed.sku is null
                then 'null_key'
            when typed.units is null or typed.units < 1 then 'invalid_number'
            when typed.retail_amount is null or typed.retail_amount < 0 then 'invalid_number'
            when typed.markdown_amount is null or typed.markdown_amount < 0 then 'invalid_number'
            when typed.markdown_amount > typed.retail_amount then 'invalid_number'
            when pos_receipts_keys.receipt_id is null then 'orphan_key'
            when not pos_receipts_keys.has_clean_receipt then 'parent_quarantined'
            when products_keys.sku is null then 'orphan_key'
            when not products_keys.has_clean_product then 'parent_quarantined'
        end as row_defect
    from typed
    left join pos_receipts_keys
        on
            typed.merchant_id = pos_receipts_keys.merchant_id
            and typed.receipt_id = pos_receipts_keys.receipt_id
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
            partition by merchant_id, receipt_id, line_number, row_defect
            order by loaded_at desc, sku asc, units asc, retail_amount asc, markdown_amount asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        receipt_id,
        line_number,
        sku,
        units,
        retail_amount,
        markdown_amount,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
