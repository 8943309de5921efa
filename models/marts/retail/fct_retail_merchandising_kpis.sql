-- Spec 001's merchandising and inventory KPIs per merchant (and per merchant and category, where
-- the spec says targets vary by category), per ISO week and calendar month up to as_of. Sales
-- come from the certified receipt record only (audited store-days with unbroken sequences).
-- In-stock is in fct_retail_shelf_kpis, with empty shelves: the two read the same visits.
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type in ('merchant', 'category') and grain in ('week', 'month')

),

sales_lines as (

    select * from {{ ref('int_retail_sales_lines_certified') }}

),

snapshots as (

    select * from {{ ref('int_retail_inventory_snapshots_valued') }}

),

receipt_lines as (

    select * from {{ ref('int_retail_receipt_lines_valued') }}

),

sku_weeks as (

    select * from {{ ref('int_retail_sku_weeks_forecasted') }}

),

comp_pairs as (

    select * from {{ ref('int_retail_comp_store_days_paired') }}

),

store_days as (

    select * from {{ ref('int_retail_store_days_certified') }}
    where business_date <= {{ as_of_date() }}

),

seasons as (

    select * from {{ ref('int_retail_category_seasons') }}

),

category_targets as (

    select * from {{ ref('retail_category_targets') }}

),

closed_seasons as (

    -- A season's sell-through is judged once, when it has ended (spec: "at season end").
    select * from seasons
    where is_closed

),

sales as (

    {{ retail_period_totals('sales_lines', 'business_date', {
        'sales_line_count': 'count(*)',
        'net_sales': 'sum(net_sales)',
        'gross_sales': 'sum(gross_sales)',
        'markdown_amount': 'sum(markdown_amount)',
        'cost_of_goods': 'sum(cost_of_goods)',
        'units_sold': 'sum(units_sold)',
        'non_seasonal_units_sold': 'sum(case when not is_seasonal then units_sold else 0 end)'
    }, 'category') }}

),

-- Average over the period's Monday snapshots (one a week).
inventory as (

    {{ retail_period_totals('snapshots', 'snapshot_date', {
        'avg_inventory_retail': 'cast(sum(on_hand_retail) as ' ~ dbt.type_float() ~ ') / count(distinct snapshot_date)',
        'avg_on_hand_units': 'cast(sum(on_hand_units) * 1.0 as ' ~ dbt.type_float() ~ ') / count(distinct snapshot_date)'
    }, 'category') }}

),

purchases as (

    {{ retail_period_totals('receipt_lines', 'received_date', {
        'units_received': 'sum(units_accepted)',
        'received_cost': 'sum(accepted_cost)',
        'received_retail': 'sum(accepted_retail)',
        'non_seasonal_units_received': 'sum(case when not is_seasonal then units_accepted else 0 end)'
    }, 'category') }}

),

-- Each ended season belongs to the month of its last day; the merchant pools its categories'.
season_ends as (

    {{ retail_period_totals('closed_seasons', 'season_end', {
        'seasons_closed': 'count(*)',
        'season_units_sold': 'sum(units_sold)',
        'season_units_received': 'sum(units_received)',
        'season_opening_units': 'sum(opening_on_hand_units)',
        'season_units_available': 'sum(units_available)'
    }, 'category', ['month']) }}

),

-- A SKU-week belongs to the week (and month) it starts in.
forecast_errors as (

    {{ retail_period_totals('sku_weeks', 'week_start_date', {
        'mape_sku_weeks': 'count(absolute_percentage_error)',
        'mape_error_sum': 'sum(absolute_percentage_error)'
    }, 'category') }}

),

comp as (

    {{ retail_period_totals('comp_pairs', 'business_date', {
        'comp_store_days': 'count(*)',
        'comp_net_sales': 'sum(net_sales)',
        'comp_prior_year_net_sales': 'sum(prior_year_net_sales)'
    }) }}

),

-- The share of the merchant's store-days whose sales reached the KPIs (the rest are excluded
-- for integrity): sales rates are scaled by it so an excluded day does not look like no sales.
coverage as (

    {{ retail_period_totals('store_days', 'business_date', {
        'store_days': 'count(*)',
        'eligible_store_days': 'sum(case when is_kpi_eligible then 1 else 0 end)'
    }) }}

),

joined as (

    select
        spine.merchant_id,
        spine.entity_type,
        spine.entity_id,
        spine.category,
        spine.grain,
        spine.period_start,
        spine.period_end,
        spine.days_in_period,
        sales.net_sales,
        sales.gross_sales,
        sales.markdown_amount,
        sales.cost_of_goods,
        sales.sales_line_count,
        sales.units_sold,
        inventory.avg_inventory_retail,
        inventory.avg_on_hand_units,
        purchases.units_received,
        purchases.received_cost,
        purchases.received_retail,
        purchases.non_seasonal_units_received,
        sales.non_seasonal_units_sold,
        season_ends.seasons_closed,
        season_ends.season_units_sold,
        season_ends.season_units_received,
        season_ends.season_opening_units,
        season_ends.season_units_available,
        forecast_errors.mape_sku_weeks,
        forecast_errors.mape_error_sum,
        comp.comp_store_days,
        comp.comp_net_sales,
        comp.comp_prior_year_net_sales,
        coverage.store_days,
        coverage.eligible_store_days,
        category_targets.inventory_turnover_target,
        category_targets.gross_margin_target_pct,
        -- A category's bands are fractions of its own target: 5x is healthy for home goods,
        -- stagnant for consumables that should turn 12x.
        category_targets.inventory_turnover_target * category_targets.inventory_turnover_yellow_share
            as inventory_turnover_yellow_below,
        category_targets.inventory_turnover_target * category_targets.inventory_turnover_red_share
            as inventory_turnover_red_below
    from spine
    left join sales on {{ retail_period_join('spine', 'sales') }}
    left join inventory on {{ retail_period_join('spine', 'inventory') }}
    left join purchases on {{ retail_period_join('spine', 'purchases') }}
    left join season_ends on {{ retail_period_join('spine', 'season_ends') }}
    left join forecast_errors on {{ retail_period_join('spine', 'forecast_errors') }}
    left join comp on {{ retail_period_join('spine', 'comp') }}
    left join coverage
        on
            spine.merchant_id = coverage.entity_id
            and coverage.entity_type = 'merchant'
            and spine.grain = coverage.grain
            and spine.period_start = coverage.period_start
    left join category_targets
        on spine.category = category_targets.category

),

final as (

    select
        *,
        -- Annualised: the period's net sales (scaled up by store-day coverage) over 365 days,
        -- divided by its average stock at retail.
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case
            when avg_inventory_retail > 0 and eligible_store_days > 0
                then cast(net_sales * store_days as {{ dbt.type_float() }}) / eligible_store_days * 365.0 / days_in_period / avg_inventory_retail
        end as inventory_turnover,
        case
            when units_sold > 0 and eligible_store_days > 0
                -- The cast: an integer division truncates on PostgreSQL and Spark, not on DuckDB.
                then avg_on_hand_units / (cast(units_sold * store_days as {{ dbt.type_float() }}) / eligible_store_days * 7.0 / days_in_period)
        end as weeks_of_supply,
        case
            when comp_prior_year_net_sales > 0
                then cast((comp_net_sales - comp_prior_year_net_sales) * 100.0 as {{ dbt.type_float() }}) / comp_prior_year_net_sales
        end as comp_store_sales_pct,
        case when net_sales > 0 then cast((net_sales - cost_of_goods) * 100.0 as {{ dbt.type_float() }}) / net_sales end as gross_margin_pct,
        case
            when received_retail > 0 then cast((received_retail - received_cost) * 100.0 as {{ dbt.type_float() }}) / received_retail
        end as initial_markup_pct,
        case when gross_sales > 0 then cast(markdown_amount * 100.0 as {{ dbt.type_float() }}) / gross_sales end as markdown_rate_pct,
        case
            when season_units_available > 0 then cast(season_units_sold * 100.0 as {{ dbt.type_float() }}) / season_units_available
        end as sell_through_rate_pct,
        case
            when non_seasonal_units_received > 0 then cast(non_seasonal_units_sold * 100.0 as {{ dbt.type_float() }}) / non_seasonal_units_received
        end as non_seasonal_sell_through_rate_pct,
        case when mape_sku_weeks > 0 then cast(mape_error_sum * 100.0 as {{ dbt.type_float() }}) / mape_sku_weeks end as forecast_mape_pct
    from joined

)

select * from final
