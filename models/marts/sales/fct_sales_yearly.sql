-- One row per merchant and calendar year up to as_of: year-to-date revenue (spec 000 G.2) against
-- the merchant's own target, its daily revenue target (KPI sales.daily_revenue: the catalog's,
-- or the merchant's override) times the days it has traded in the year. The company's $10MM
-- pro-rated would give a $1,500-a-day shop a YTD target it could never reach.
with

daily as (

    select * from {{ ref('fct_sales_daily') }}

),

catalog as (

    select * from {{ ref('kpi_catalog__spec_000') }}

),

overrides as (

    select * from {{ ref('kpi_threshold_overrides') }}

),

daily_revenue_kpi as (

    select target_value as daily_revenue_target
    from catalog
    where kpi_id = 'sales.daily_revenue'

),

merchant_overrides as (

    select
        entity_id as merchant_id,
        target_value as daily_revenue_target
    from overrides
    where kpi_id = 'sales.daily_revenue' and entity_type = 'merchant'

),

yearly as (

    -- The daily mart has one row per day from the merchant's creation: its count is the days
    -- traded, so a merchant opened in November is not judged on January to October.
    select
        merchant_id,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as year_start,
        max(date_day) as period_end,
        count(*) as days_traded,
        sum(total_revenue) as revenue_ytd
    from daily
    group by merchant_id, cast({{ dbt.date_trunc('year', 'date_day') }} as date)

),

targeted as (

    select
        yearly.*,
        coalesce(merchant_overrides.daily_revenue_target, daily_revenue_kpi.daily_revenue_target)
            as daily_revenue_target
    from yearly
    cross join daily_revenue_kpi
    left join merchant_overrides
        on yearly.merchant_id = merchant_overrides.merchant_id

),

final as (

    select
        merchant_id,
        year_start,
        period_end,
        revenue_ytd,
        {{ dbt.datediff('year_start', 'period_end', 'day') }} + 1 as days_elapsed,
        {{ dbt.datediff('year_start', dbt.dateadd('year', 1, 'year_start'), 'day') }} as days_in_year,
        days_traded,
        daily_revenue_target,
        daily_revenue_target * days_traded as revenue_ytd_target
    from targeted

)

select * from final
