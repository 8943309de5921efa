-- Every raw product row, typed, with the reason it cannot be used (null when it can).
-- A table: the raw file is parsed once; stg_ views and tests read this instead of the file.
{{ config(materialized='table') }}
with

source as (

    select * from {{ source('storefront', 'products') }}

),

typed as (

    select
        trim(sku) as sku,
        trim(merchant_id) as merchant_id,
        trim(product_title) as product_title,
        lower(trim(product_type)) as product_type,
        {{ dbt.safe_cast('unit_cost', dbt.type_numeric()) }} as unit_cost,
        {{ dbt.safe_cast('unit_price', dbt.type_numeric()) }} as unit_price,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when sku is null or merchant_id is null then 'null_key'
            when unit_cost is null or unit_cost < 0 then 'invalid_number'
            when unit_price is null or unit_price < 0 then 'invalid_number'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, sku, row_defect
            order by loaded_at desc, unit_price desc, unit_cost desc
        ) as copy_number
    from checked

),

final as (

    select
        sku,
        merchant_id,
        product_title,
        product_type,
        unit_cost,
        unit_price,
        created_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
