-- One row per merchant and calendar day from the merchant's creation to as_of, so that a day
-- without orders exists (with zero revenue) instead of silently missing.
with

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

calendar as (

    {{ dbt.date_spine('day', "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)", dbt.dateadd('day', 1, as_of_date())) }}

),

final as (

    select
        merchants.merchant_id,
        cast(calendar.date_day as date) as date_day
    from merchants
    inner join calendar
        on cast(calendar.date_day as date) >= {{ local_date('merchants.created_at', 'merchants.timezone') }}

)

select * from final
