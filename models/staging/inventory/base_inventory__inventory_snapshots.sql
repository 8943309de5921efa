-- Every raw inventory snapshot row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('inventory', 'inventory_snapshots') }}

),

product_keys as (

    -- A snapshot is only as usable as its SKU: known to the storefront, with a clean record.
    {{ clean_parent_keys('base_storefront__products', ['merchant_id', 'sku'], 'has_clean_product') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(sku) as sku,
        snapshot_date as snapshot_date_raw,
        {{ dbt.safe_cast('snapshot_date', 'date') }} as snapshot_date,
        {{ dbt.safe_cast('on_hand_qty', dbt.type_int()) }} as on_hand_qty,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.sku is null or typed.snapshot_date_raw is null then 'null_key'
            when typed.snapshot_date is null then 'invalid_timestamp'
            -- The system never reports negative stock (oversells are lost sales, not backorders).
            when typed.on_hand_qty is null or typed.on_hand_qty < 0 then 'invalid_number'
            when product_keys.sku is null then 'orphan_key'
            when not product_keys.has_clean_product then 'parent_quarantined'
        end as row_defect
    from typed
    left join product_keys
        on
            typed.merchant_id = product_keys.merchant_id
            and typed.sku = product_keys.sku

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, sku, snapshot_date, row_defect
            order by loaded_at desc, on_hand_qty desc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        sku,
        snapshot_date,
        on_hand_qty,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
