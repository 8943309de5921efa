-- Every raw time-saved row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('ops', 'time_saved') }}

),

categories as (

    -- The automation categories that count as CEO time saved (seed, see docs/storefront_ops.md).
    select * from {{ ref('ops_time_saved_categories') }}

),

typed as (

    select
        trim(time_saved_id) as time_saved_id,
        trim(merchant_id) as merchant_id,
        saved_date as saved_date_raw,
        {{ dbt.safe_cast('saved_date', 'date') }} as saved_date,
        lower(trim(category)) as category,
        {{ dbt.safe_cast('minutes_saved', dbt.type_numeric()) }} as minutes_saved,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.time_saved_id is null or typed.merchant_id is null then 'null_key'
            when typed.saved_date is null then 'invalid_timestamp'
            when typed.minutes_saved is null or typed.minutes_saved < 0 then 'invalid_number'
            when categories.category is null then 'invalid_enum'
        end as row_defect
    from typed
    left join categories
        on typed.category = categories.category

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, time_saved_id, row_defect
            order by loaded_at desc, minutes_saved desc
        ) as copy_number
    from checked

),

final as (

    select
        time_saved_id,
        merchant_id,
        saved_date,
        category,
        minutes_saved,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
