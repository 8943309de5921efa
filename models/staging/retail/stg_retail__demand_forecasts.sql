-- Clean demand_forecasts: the rows of base_retail__demand_forecasts that passed every check (the rest are quarantined).
with

demand_forecasts as (

    select * from {{ ref('base_retail__demand_forecasts') }}

),

final as (

    select
        merchant_id,
        sku,
        week_start_date,
        forecast_units,
        loaded_at
    from demand_forecasts
    where quarantine_reason is null

)

select * from final
