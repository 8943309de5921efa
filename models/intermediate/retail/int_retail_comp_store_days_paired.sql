-- Comp-store sales pairs: each KPI-eligible store-day of a comparable store with its prior-year
-- twin, the same weekday 52 weeks (364 days) earlier. A store is comparable on a day once it
-- had opened by the twin day (a full year of trading); a pair counts only when both days are
-- audited and in sequence, so an excluded day shrinks both years alike instead of skewing growth.
with

store_days as (

    select * from {{ ref('int_retail_store_days_certified') }}

),

stores as (

    select * from {{ ref('stg_retail__stores') }}

),

sales_lines as (

    select * from {{ ref('int_retail_sales_lines_certified') }}

),

store_day_sales as (

    select
        merchant_id,
        store_id,
        business_date,
        sum(net_sales) as net_sales
    from sales_lines
    group by merchant_id, store_id, business_date

),

eligible_days as (

    -- An audited day without any sale is a true zero, not a missing day.
    select
        store_days.merchant_id,
        store_days.store_id,
        store_days.business_date,
        coalesce(store_day_sales.net_sales, 0) as net_sales
    from store_days
    left join store_day_sales
        on
            store_days.merchant_id = store_day_sales.merchant_id
            and store_days.store_id = store_day_sales.store_id
            and store_days.business_date = store_day_sales.business_date
    where store_days.is_kpi_eligible and store_days.business_date <= {{ as_of_date() }}

),

final as (

    select
        current_year.merchant_id,
        current_year.store_id,
        current_year.business_date,
        prior_year.business_date as prior_year_business_date,
        current_year.net_sales,
        prior_year.net_sales as prior_year_net_sales
    from eligible_days as current_year
    inner join eligible_days as prior_year
        on
            current_year.merchant_id = prior_year.merchant_id
            and current_year.store_id = prior_year.store_id
            and prior_year.business_date = cast({{ dbt.dateadd('day', -364, 'current_year.business_date') }} as date)
    inner join stores
        on
            current_year.merchant_id = stores.merchant_id
            and current_year.store_id = stores.store_id
    where stores.opened_date <= prior_year.business_date

)

select * from final
