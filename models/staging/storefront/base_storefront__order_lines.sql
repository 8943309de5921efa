-- Every raw order-line row, typed, with the reason it cannot be used (null when it can).
-- A table: the raw file is parsed once; stg_ views and tests read this instead of the file.
{{ config(materialized='table') }}
with

source as (

    select * from {{ source('storefront', 'order_lines') }}

),

order_keys as (

    -- A line is only as usable as its order: known and with at least one clean copy.
    {{ clean_parent_keys('base_storefront__orders', ['merchant_id', 'order_id'], 'has_clean_order') }}

),

typed as (

    select
        trim(order_line_id) as order_line_id,
        trim(merchant_id) as merchant_id,
        trim(order_id) as order_id,
        trim(sku) as sku,
        {{ dbt.safe_cast('quantity', dbt.type_int()) }} as quantity,
        {{ dbt.safe_cast('unit_price', dbt.type_numeric()) }} as unit_price,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.order_line_id is null or typed.merchant_id is null
                or typed.order_id is null or typed.sku is null then 'null_key'
            when typed.quantity is null or typed.quantity <= 0 then 'invalid_number'
            when typed.unit_price is null or typed.unit_price < 0 then 'invalid_number'
            when order_keys.order_id is null then 'orphan_key'
            when not order_keys.has_clean_order then 'parent_quarantined'
        end as row_defect
    from typed
    left join order_keys
        on
            typed.merchant_id = order_keys.merchant_id
            and typed.order_id = order_keys.order_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, order_line_id, row_defect
            order by loaded_at desc, sku asc, quantity asc, unit_price asc
        ) as copy_number
    from checked

),

final as (

    select
        order_line_id,
        merchant_id,
        order_id,
        sku,
        quantity,
        unit_price,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
