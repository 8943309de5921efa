{{ config(materialized='table') }}
-- Every raw product row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'products') }}

),

vendors_keys as (

    -- A row is only as usable as its vendor: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__vendors', ['merchant_id', 'vendor_id'], 'has_clean_vendor') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(sku) as sku,
        trim(vendor_id) as vendor_id,
        trim(product_name) as product_name,
        lower(trim(category)) as category,
        {{ dbt.safe_cast('unit_cost', dbt.type_numeric()) }} as unit_cost,
        {{ dbt.safe_cast('unit_retail', dbt.type_numeric()) }} as unit_retail,
        {{ dbt.safe_cast('is_seasonal', dbt.type_boolean()) }} as is_seasonal,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.sku is null or typed.vendor_id is null then 'null_key'
            when typed.unit_cost is null or typed.unit_cost < 0 then 'invalid_number'
            when typed.unit_retail is null or typed.unit_retail < 0 then 'invalid_number'
            when
                typed.category is null or typed.category not in ('consumables', 'apparel', 'home', 'beauty', 'electronics')
                then 'invalid_enum'
            when typed.is_seasonal is null then 'invalid_enum'
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
            partition by merchant_id, sku, row_defect
            order by loaded_at desc, vendor_id asc, product_name asc, category asc, unit_cost asc, unit_retail asc, is_seasonal asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        sku,
        vendor_id,
        product_name,
        category,
        unit_cost,
        unit_retail,
        is_seasonal,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
