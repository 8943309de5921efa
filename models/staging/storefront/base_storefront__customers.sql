-- Every raw customer row, typed, with the reason it cannot be used (null when it can).
-- A table: the raw file is parsed once; stg_ views and tests read this instead of the file.
{{ config(materialized='table') }}
with

source as (

    select * from {{ source('storefront', 'customers') }}

),

typed as (

    select
        trim(customer_id) as customer_id,
        trim(merchant_id) as merchant_id,
        upper(trim(country_code)) as country_code,
        {{ dbt.safe_cast('accepts_marketing', dbt.type_boolean()) }} as accepts_marketing,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when customer_id is null or merchant_id is null then 'null_key'
            when created_at is null then 'invalid_timestamp'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, customer_id, row_defect
            order by loaded_at desc, created_at desc, country_code asc
        ) as copy_number
    from checked

),

final as (

    select
        customer_id,
        merchant_id,
        country_code,
        accepts_marketing,
        created_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
