-- Forecast against actual units per merchant, SKU and ISO week, with the absolute percentage
-- error of the weeks that count toward forecast accuracy (spec 001 MAPE, "stable SKUs"):
-- non-seasonal SKUs forecast to sell at least var retail_mape_min_forecast_units that week
-- (below that, counting noise swamps forecast quality), weeks that are complete (ended by
-- as_of) with actual sales above zero (the percentage error is undefined at zero), and weeks in
-- which every store-day of the merchant was KPI-eligible (an excluded day understates actuals).
with

forecasts as (

    select * from {{ ref('stg_retail__demand_forecasts') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

sales_lines as (

    select * from {{ ref('int_retail_sales_lines_certified') }}

),

store_days as (

    select * from {{ ref('int_retail_store_days_certified') }}

),

actuals as (

    select
        merchant_id,
        sku,
        cast({{ dbt.date_trunc('week', 'business_date') }} as date) as week_start_date,
        sum(units_sold) as actual_units
    from sales_lines
    group by merchant_id, sku, cast({{ dbt.date_trunc('week', 'business_date') }} as date)

),

incomplete_weeks as (

    select distinct
        merchant_id,
        cast({{ dbt.date_trunc('week', 'business_date') }} as date) as week_start_date
    from store_days
    where not is_kpi_eligible

),

joined as (

    select
        forecasts.merchant_id,
        forecasts.sku,
        products.category,
        products.is_seasonal,
        forecasts.week_start_date,
        forecasts.forecast_units,
        coalesce(actuals.actual_units, 0) as actual_units,
        incomplete_weeks.week_start_date is not null as has_excluded_store_day
    from forecasts
    inner join products
        on
            forecasts.merchant_id = products.merchant_id
            and forecasts.sku = products.sku
    left join actuals
        on
            forecasts.merchant_id = actuals.merchant_id
            and forecasts.sku = actuals.sku
            and forecasts.week_start_date = actuals.week_start_date
    left join incomplete_weeks
        on
            forecasts.merchant_id = incomplete_weeks.merchant_id
            and forecasts.week_start_date = incomplete_weeks.week_start_date
    where cast({{ dbt.dateadd('day', 6, 'forecasts.week_start_date') }} as date) <= {{ as_of_date() }}

),

population as (

    select
        *,
        not is_seasonal
        and forecast_units >= {{ var('retail_mape_min_forecast_units') }}
        and actual_units > 0
        and not has_excluded_store_day as is_in_mape_population
    from joined

),

final as (

    select
        *,
        case
            -- Decimal, not floating point: the sums over SKU-weeks are then exact and order-independent.
            when is_in_mape_population
                then cast(abs(actual_units - forecast_units) / actual_units as numeric(38, 12))
        end as absolute_percentage_error
    from population

)

select * from final
