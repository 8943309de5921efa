-- Every raw reorder-policy row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('inventory', 'reorder_policies') }}

),

product_keys as (

    {{ clean_parent_keys('base_storefront__products', ['merchant_id', 'sku'], 'has_clean_product') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(sku) as sku,
        {{ dbt.safe_cast('reorder_point', dbt.type_int()) }} as reorder_point,
        {{ dbt.safe_cast('lead_time_days', dbt.type_int()) }} as lead_time_days,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null or typed.sku is null then 'null_key'
            when typed.reorder_point is null or typed.reorder_point < 0 then 'invalid_number'
            when typed.lead_time_days is null or typed.lead_time_days <= 0 then 'invalid_number'
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
            partition by merchant_id, sku, row_defect
            order by loaded_at desc, reorder_point desc, lead_time_days desc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        sku,
        reorder_point,
        lead_time_days,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
