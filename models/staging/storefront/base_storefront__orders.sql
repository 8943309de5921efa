-- Every raw order row, typed, with the reason it cannot be used (null when it can).
-- A table: the raw file is parsed once; stg_ views and tests read this instead of the file.
{{ config(materialized='table') }}
with

source as (

    select * from {{ source('storefront', 'orders') }}

),

typed as (

    select
        trim(order_id) as order_id,
        trim(merchant_id) as merchant_id,
        trim(customer_id) as customer_id,
        created_at as created_at_raw,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        {{ dbt.safe_cast('total_price', dbt.type_numeric()) }} as total_price,
        upper(trim(currency)) as currency_code,
        lower(trim(financial_status)) as financial_status,
        coalesce(lower(trim(fulfillment_status)), 'unfulfilled') as fulfillment_status,
        cancelled_at as cancelled_at_raw,
        {{ dbt.safe_cast('cancelled_at', dbt.type_timestamp()) }} as cancelled_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when order_id is null or merchant_id is null then 'null_key'
            when created_at is null then 'invalid_timestamp'
            when cancelled_at_raw is not null and cancelled_at is null then 'invalid_timestamp'
            when total_price is null or total_price < 0 then 'invalid_number'
            when financial_status not in (
                'pending', 'authorized', 'paid', 'partially_paid',
                'partially_refunded', 'refunded', 'voided'
            ) then 'invalid_enum'
            when fulfillment_status not in ('unfulfilled', 'partial', 'fulfilled', 'restocked')
                then 'invalid_enum'
        end as row_defect

    from typed

),

ranked as (

    select
        *,
        -- Among usable copies of a key, the latest extract wins; identical copies tie harmlessly.
        row_number() over (
            partition by merchant_id, order_id, row_defect
            order by loaded_at desc, created_at desc, total_price desc
        ) as copy_number
    from checked

),

final as (

    select
        order_id,
        merchant_id,
        customer_id,
        created_at,
        total_price,
        currency_code,
        financial_status,
        fulfillment_status,
        cancelled_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
