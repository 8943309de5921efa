{{ config(materialized='table') }}
-- Every raw vendor invoice row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'vendor_invoices') }}

),

purchase_orders_keys as (

    -- A row is only as usable as its purchase order: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__purchase_orders', ['merchant_id', 'po_id'], 'has_clean_purchase_order') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(invoice_id) as invoice_id,
        trim(vendor_id) as vendor_id,
        trim(po_id) as po_id,
        {{ dbt.safe_cast('invoice_amount', dbt.type_numeric()) }} as invoice_amount,
        {{ dbt.safe_cast('received_at', dbt.type_timestamp()) }} as received_at,
        approved_at as approved_at_raw,
        {{ dbt.safe_cast('approved_at', dbt.type_timestamp()) }} as approved_at,
        lower(trim(po_match_result)) as po_match_result,
        lower(trim(first_pass_result)) as first_pass_result,
        lower(trim(resolution_method)) as resolution_method,
        {{ dbt.safe_cast('discount_pct', dbt.type_numeric()) }} as discount_pct,
        discount_due_date as discount_due_date_raw,
        {{ dbt.safe_cast('discount_due_date', 'date') }} as discount_due_date,
        {{ dbt.safe_cast('discount_taken_amount', dbt.type_numeric()) }} as discount_taken_amount,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.invoice_id is null or typed.vendor_id is null or typed.po_id is null
                then 'null_key'
            when typed.received_at is null then 'invalid_timestamp'
            when typed.approved_at_raw is not null and typed.approved_at is null then 'invalid_timestamp'
            when
                typed.discount_due_date_raw is not null and typed.discount_due_date is null
                then 'invalid_timestamp'
            when typed.invoice_amount is null or typed.invoice_amount < 0 then 'invalid_number'
            when typed.discount_pct is null or typed.discount_pct < 0 then 'invalid_number'
            when typed.discount_taken_amount is null or typed.discount_taken_amount < 0 then 'invalid_number'
            when
                typed.po_match_result is null or typed.po_match_result not in ('exact', 'adjusted')
                then 'invalid_enum'
            when
                typed.first_pass_result is null or typed.first_pass_result not in ('matched', 'exception')
                then 'invalid_enum'
            when
                typed.resolution_method is null or typed.resolution_method not in ('automatic', 'manual')
                then 'invalid_enum'
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
            partition by merchant_id, invoice_id, row_defect
            order by loaded_at desc, vendor_id asc, po_id asc, invoice_amount asc, received_at asc, approved_at asc, po_match_result asc, first_pass_result asc, resolution_method asc, discount_pct asc, discount_due_date asc, discount_taken_amount asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        invoice_id,
        vendor_id,
        po_id,
        invoice_amount,
        received_at,
        approved_at,
        po_match_result,
        first_pass_result,
        resolution_method,
        discount_pct,
        discount_due_date,
        discount_taken_amount,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
