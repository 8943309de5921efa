{{ config(materialized='table') }}
-- Every raw demand forecast row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'demand_forecasts') }}

),

products_keys as (

    -- A row is only as usable as its product: known and with at least one clean copy.
    {{ clean_parent_keys('base_retail__products', ['merchant_id', 'sku'], 'has_clean_product') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(sku) as sku,
        {{ dbt.safe_cast('week_start_date', 'date') }} as week_start_date,
        {{ dbt.safe_cast('forecast_units', dbt.type_numeric()) }} as forecast_units,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when
                typed.merchant_id is null or typed.sku is null or typed.week_start_date is null
                then 'null_key'
            when
                cast({{ dbt.date_trunc('week', 'typed.week_start_date') }} as date) != typed.week_start_date
                then 'invalid_timestamp'
            when typed.forecast_units is null or typed.forecast_units < 0 then 'invalid_number'
            when products_keys.sku is null then 'orphan_key'
            when not products_keys.has_clean_product then 'parent_quarantined'
        end as row_defect
    from typed
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
            partition by merchant_id, sku, week_start_date, row_defect
            order by loaded_at desc, forecast_units asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        sku,
        week_start_date,
        forecast_units,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
