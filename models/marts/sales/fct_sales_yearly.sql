-- One row per merchant and calendar year up to as_of: year-to-date revenue against the annual
-- goal pro-rated by day (var annual_revenue_goal_usd, spec 000 G.2's $10MM).
with

daily as (

    select * from {{ ref('fct_sales_daily') }}

),

yearly as (

    select
        merchant_id,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as year_start,
        max(date_day) as period_end,
        sum(total_revenue) as revenue_ytd
    from daily
    group by merchant_id, cast({{ dbt.date_trunc('year', 'date_day') }} as date)

),

final as (

    select
        *,
        {{ dbt.datediff('year_start', 'period_end', 'day') }} + 1 as days_elapsed,
        {{ dbt.datediff('year_start', dbt.dateadd('year', 1, 'year_start'), 'day') }} as days_in_year,
        {{ var('annual_revenue_goal_usd') }}.0
        * ({{ dbt.datediff('year_start', 'period_end', 'day') }} + 1)
        / {{ dbt.datediff('year_start', dbt.dateadd('year', 1, 'year_start'), 'day') }} as revenue_ytd_target
    from yearly

)

select * from final
