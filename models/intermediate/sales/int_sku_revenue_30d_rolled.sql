-- Each SKU's trailing 30-day revenue on every day, ranked within its merchant. The grid is
-- dense (every SKU that ever sold, every day from its first sale) because a SKU that did not
-- sell today still carries revenue in its 30-day window. Incremental: a nightly recomputes the
-- days of its lookback window from the 29 days before it on (dbt_project.yml).
{%- set window_start = incremental_window_start() %}
{%- set inputs_start = incremental_window_start(context_days=29) %}
with

sku_days as (

    select * from {{ ref('int_sku_days_aggregated') }}

),

merchant_days as (

    select * from {{ ref('int_merchant_days_spined') }}

),

sku_first_sale as (

    select
        merchant_id,
        sku,
        min(date_day) as first_sale_date
    from sku_days
    group by merchant_id, sku

),

grid as (

    select
        merchant_days.merchant_id,
        sku_first_sale.sku,
        merchant_days.date_day,
        coalesce(sku_days.line_revenue, 0) as line_revenue,
        coalesce(sku_days.units_sold, 0) as units_sold
    from merchant_days
    inner join sku_first_sale
        on
            merchant_days.merchant_id = sku_first_sale.merchant_id
            and merchant_days.date_day >= sku_first_sale.first_sale_date
    left join sku_days
        on
            merchant_days.merchant_id = sku_days.merchant_id
            and sku_first_sale.sku = sku_days.sku
            and merchant_days.date_day = sku_days.date_day
    {%- if inputs_start %}
    where merchant_days.date_day >= {{ inputs_start }}
    {%- endif %}

),

rolled as (

    select
        merchant_id,
        sku,
        date_day,
        sum(line_revenue) over (
            partition by merchant_id, sku order by date_day rows between 29 preceding and current row
        ) as revenue_30d,
        sum(units_sold) over (
            partition by merchant_id, sku order by date_day rows between 29 preceding and current row
        ) as units_30d
    from grid

),

final as (

    select
        *,
        row_number() over (
            partition by merchant_id, date_day order by revenue_30d desc, sku asc
        ) as revenue_rank_30d
    from rolled
    {%- if window_start %}
    where date_day >= {{ window_start }}
    {%- endif %}

)

select * from final
