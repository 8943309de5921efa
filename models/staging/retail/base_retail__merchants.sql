{{ config(materialized='table') }}
-- Every raw merchant row, typed, with the reason it cannot be used (null when it can).
-- A table, not a view: the raw file is parsed once, not once per test and per downstream model.
with

source as (

    select * from {{ source('retail', 'merchants') }}

),

typed as (

    select
        trim(merchant_id) as merchant_id,
        trim(merchant_name) as merchant_name,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.merchant_id is null then 'null_key'
            when typed.created_at is null then 'invalid_timestamp'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, row_defect
            order by loaded_at desc, merchant_name asc, created_at asc
        ) as copy_number
    from checked

),

final as (

    select
        merchant_id,
        merchant_name,
        created_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
