{{ config(materialized='table') }}
-- Every raw physical count row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'physical_counts') }}

),

stores_keys as (

    -- A row is only as usable as its store: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__stores', ['merchant_id', 'store_id'], 'has_clean_store') }}

),

products_keys as (

    -- A row is only as usable as its product: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__products', ['merchant_id', 'sku'], 'has_clean_product') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(count_id) as count_id,
        trim(store_id) as store_id,
        trim(sku) as sku,
        {{ dbt.safe_cast('counted_date', 'date') }} as counted_date,
        {{ dbt.safe_cast('book_units', dbt.type_int()) }} as book_units,
        {{ dbt.safe_cast('counted_units', dbt.type_int()) }} as counted_units,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.count_id is null or typed.store_id is null or typed.sku is null
                then 'null_key'
            when typed.counted_date is null then 'invalid_timestamp'
            when typed.book_units is null then 'invalid_number'
            when typed.counted_units is null or typed.counted_units < 0 then 'invalid_number'
            when stores_keys.store_id is null then 'orphan_key'
            when not stores_keys.has_clean_store then 'parent_quarantined'
            when products_keys.sku is null then 'orphan_key'
            when not products_keys.has_clean_product then 'parent_quarantined'
        end as row_defect
    from typed
    left join stores_keys
        on
            typed.merchant_id = stores_keys.merchant_id
            and typed.store_id = stores_keys.store_id
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
            partition by merchant_id, count_id, row_defect
            order by loaded_at desc, store_id asc, sku asc, counted_date asc, book_units asc, counted_units asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        count_id,
        store_id,
        sku,
        counted_date,
        book_units,
        counted_units,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
