-- Every raw shop-activation row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('ops', 'shop_activations') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        activity_date as activity_date_raw,
        {{ dbt.safe_cast('activity_date', 'date') }} as activity_date,
        {{ dbt.safe_cast('shops_live', dbt.type_int()) }} as shops_live,
        {{ dbt.safe_cast('shops_active', dbt.type_int()) }} as shops_active,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when merchant_id is null or activity_date_raw is null then 'null_key'
            when activity_date is null then 'invalid_timestamp'
            when shops_live is null or shops_live < 0 then 'invalid_number'
            when shops_active is null or shops_active < 0 or shops_active > shops_live then 'invalid_number'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, activity_date, row_defect
            order by loaded_at desc, shops_live desc, shops_active desc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        activity_date,
        shops_live,
        shops_active,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
