-- One row per merchant and calendar month up to as_of: revenue, MRR and month-over-month growth.
-- MRR = average daily revenue * days in the month: the month's revenue once it is complete,
-- its run rate while it is current (see growth.mrr in the KPI catalog).
with

daily as (

    select * from {{ ref('fct_sales_daily') }}

),

monthly as (

    select
        merchant_id,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as month_start,
        max(date_day) as period_end,
        count(*) as days_elapsed,
        sum(total_revenue) as total_revenue,
        sum(order_count) as order_count
    from daily
    group by merchant_id, cast({{ dbt.date_trunc('month', 'date_day') }} as date)

),

run_rate as (

    select
        *,
        {{ dbt.datediff('month_start', dbt.dateadd('month', 1, 'month_start'), 'day') }} as days_in_month
    from monthly

),

with_mrr as (

    select
        *,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(total_revenue as {{ dbt.type_float() }}) / days_elapsed * days_in_month as mrr
    from run_rate

),

final as (

    select
        *,
        lag(mrr) over (partition by merchant_id order by month_start) as prior_month_mrr,
        lag(order_count) over (partition by merchant_id order by month_start) as prior_month_order_count,
        case
            when lag(mrr) over (partition by merchant_id order by month_start) > 0
                then
                    (mrr - lag(mrr) over (partition by merchant_id order by month_start))
                    * 100.0 / lag(mrr) over (partition by merchant_id order by month_start)
        end as mrr_growth_mom_pct
    from with_mrr

)

select * from final
