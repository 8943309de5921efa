-- The spec's v_ceo_time_savings_ytd: per merchant and calendar year up to as_of, the hours
-- automation saved and their value at the merchant's hourly rate (seed ops_parameters, $200).
with

daily as (

    select * from {{ ref('fct_ceo_time_savings_daily') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

parameters as (

    {{ merchant_parameters(ref('ops_parameters'), 'merchants', ['hourly_value_usd']) }}

),

yearly as (

    select
        merchant_id,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as year_start,
        max(date_day) as period_end,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(sum(minutes_saved) as {{ dbt.type_float() }}) / 60.0 as hours_saved_ytd
    from daily
    group by merchant_id, cast({{ dbt.date_trunc('year', 'date_day') }} as date)

),

final as (

    select
        yearly.merchant_id,
        yearly.year_start,
        yearly.period_end,
        yearly.hours_saved_ytd,
        parameters.hourly_value_usd,
        yearly.hours_saved_ytd * parameters.hourly_value_usd as value_saved_ytd_usd
    from yearly
    inner join parameters
        on yearly.merchant_id = parameters.merchant_id

)

select * from final
