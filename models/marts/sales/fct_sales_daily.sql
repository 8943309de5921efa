-- The spec's sales_metrics_daily: one row per merchant and day up to as_of, days without
-- orders included (revenue 0, AOV NULL). Incremental: a nightly recomputes the days of its
-- lookback window, from the 13 days before it on for the week-over-week sums (dbt_project.yml).
{%- set window_start = incremental_window_start() %}
{%- set inputs_start = incremental_window_start(context_days=13) %}
with

merchant_days as (

    select * from {{ ref('int_merchant_days_spined') }}

),

merchant_first_days as (

    select
        merchant_id,
        min(date_day) as first_date_day
    from merchant_days
    group by merchant_id

),

orders as (

    select * from {{ ref('int_orders_classified') }}

),

sku_revenue_30d as (

    select * from {{ ref('int_sku_revenue_30d_rolled') }}

),

orders_by_day as (

    select
        merchant_id,
        order_date,
        sum(revenue_amount) as total_revenue,
        sum(case when is_revenue_order then 1 else 0 end) as order_count,
        sum(case when is_cancelled then 1 else 0 end) as cancelled_order_count,
        sum(case when is_refunded then 1 else 0 end) as refunded_order_count
    from orders
    {%- if inputs_start %}
    where order_date >= {{ inputs_start }}
    {%- endif %}
    group by merchant_id, order_date

),

top_skus_by_day as (

    select
        merchant_id,
        date_day,
        sum(case when revenue_rank_30d <= 5 then revenue_30d else 0 end) as top5_sku_revenue_30d,
        sum(revenue_30d) as sku_revenue_30d,
        sum(case when revenue_30d > 0 then 1 else 0 end) as sku_count_30d
    from sku_revenue_30d
    {%- if window_start %}
    where date_day >= {{ window_start }}
    {%- endif %}
    group by merchant_id, date_day

),

daily as (

    select
        merchant_days.merchant_id,
        merchant_days.date_day,
        top_skus_by_day.top5_sku_revenue_30d,
        top_skus_by_day.sku_revenue_30d,
        top_skus_by_day.sku_count_30d,
        coalesce(orders_by_day.total_revenue, 0) as total_revenue,
        coalesce(orders_by_day.order_count, 0) as order_count,
        coalesce(orders_by_day.cancelled_order_count, 0) as cancelled_order_count,
        coalesce(orders_by_day.refunded_order_count, 0) as refunded_order_count,
        -- The spine is every day from the first: a day's number needs no window over all of them.
        {{ dbt.datediff('merchant_first_days.first_date_day', 'merchant_days.date_day', 'day') }} + 1 as history_day_number
    from merchant_days
    inner join merchant_first_days
        on merchant_days.merchant_id = merchant_first_days.merchant_id
    left join orders_by_day
        on
            merchant_days.merchant_id = orders_by_day.merchant_id
            and merchant_days.date_day = orders_by_day.order_date
    left join top_skus_by_day
        on
            merchant_days.merchant_id = top_skus_by_day.merchant_id
            and merchant_days.date_day = top_skus_by_day.date_day
    {%- if inputs_start %}
    where merchant_days.date_day >= {{ inputs_start }}
    {%- endif %}

),

trailing_weeks as (

    select
        *,
        sum(total_revenue) over (
            partition by merchant_id order by date_day rows between 6 preceding and current row
        ) as revenue_trailing_7d,
        sum(total_revenue) over (
            partition by merchant_id order by date_day rows between 13 preceding and 7 preceding
        ) as revenue_prior_7d,
        sum(order_count) over (
            partition by merchant_id order by date_day rows between 13 preceding and 7 preceding
        ) as order_count_prior_7d
    from daily

),

final as (

    select
        merchant_id,
        date_day,
        total_revenue,
        order_count,
        cancelled_order_count,
        refunded_order_count,
        revenue_trailing_7d,
        top5_sku_revenue_30d,
        sku_revenue_30d,
        sku_count_30d,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case when order_count > 0 then cast(total_revenue as {{ dbt.type_float() }}) / order_count end as avg_order_value,
        case when history_day_number >= 14 then revenue_prior_7d end as revenue_prior_7d,
        case when history_day_number >= 14 then order_count_prior_7d end as order_count_prior_7d,
        case
            when history_day_number >= 14 and revenue_prior_7d > 0
                then cast((revenue_trailing_7d - revenue_prior_7d) * 100.0 as {{ dbt.type_float() }}) / revenue_prior_7d
        end as revenue_vs_last_week_pct,
        case
            when sku_revenue_30d > 0 then cast(top5_sku_revenue_30d * 100.0 as {{ dbt.type_float() }}) / sku_revenue_30d
        end as top5_sku_revenue_share_pct
    from trailing_weeks
    {%- if window_start %}
    where date_day >= {{ window_start }}
    {%- endif %}

)

select * from final
