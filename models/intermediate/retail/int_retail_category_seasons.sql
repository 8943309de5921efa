-- Each merchant's selling seasons per category (seed retail_seasons: recurring month windows,
-- the contract has no season calendar) with the seasonal items' units carried in (book stock
-- when the season began), sold and received from the season's first day to its last, or to
-- as_of while it runs (season-to-date). Only
-- categories with seasonal SKUs have seasons, and only seasons that began on or after the
-- merchant's creation: a season the merchant joined halfway has no meaningful sell-through.
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type = 'category' and grain = 'month'

),

merchants as (

    select * from {{ ref('stg_retail__merchants') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

season_windows as (

    select * from {{ ref('retail_seasons') }}

),

sales_lines as (

    select * from {{ ref('int_retail_sales_lines_certified') }}
    where is_seasonal

),

receipt_lines as (

    select * from {{ ref('int_retail_receipt_lines_valued') }}
    where is_seasonal

),

snapshots as (

    select * from {{ ref('int_retail_inventory_snapshots_valued') }}
    where is_seasonal

),

seasonal_categories as (

    select distinct
        merchant_id,
        category
    from products
    where is_seasonal

),

category_months as (

    -- Month of the year counted from 0 (January) as whole months since a fixed January.
    select
        spine.merchant_id,
        spine.category,
        spine.period_start as month_start,
        -- Cast: PostgreSQL's datediff is a double, and mod takes integers.
        mod(cast({{ dbt.datediff("cast('2000-01-01' as date)", 'spine.period_start', 'month') }} as {{ dbt.type_int() }}), 12) as month_of_year
    from spine
    inner join seasonal_categories
        on
            spine.merchant_id = seasonal_categories.merchant_id
            and spine.category = seasonal_categories.category

),

months_in_season as (

    -- A window may wrap the year (August to January): months are counted from its first month.
    select
        category_months.merchant_id,
        category_months.category,
        category_months.month_start,
        season_windows.season,
        mod(category_months.month_of_year - (season_windows.first_month - 1) + 12, 12) as months_into_season,
        mod(season_windows.last_month - season_windows.first_month + 12, 12) + 1 as season_months
    from category_months
    inner join season_windows
        on category_months.category = season_windows.category

),

season_starts as (

    select distinct
        merchant_id,
        category,
        season,
        season_months,
        cast({{ dbt.dateadd('month', '-months_into_season', 'month_start') }} as date) as season_start
    from months_in_season
    where months_into_season < season_months

),

seasons as (

    select
        season_starts.merchant_id,
        season_starts.category,
        season_starts.season,
        season_starts.season_start,
        cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 'season_starts.season_months', 'season_starts.season_start')) }} as date)
            as season_end
    from season_starts
    inner join merchants
        on season_starts.merchant_id = merchants.merchant_id
    where season_starts.season_start >= cast(merchants.created_at as date)

),

season_sales as (

    select
        seasons.merchant_id,
        seasons.category,
        seasons.season_start,
        sum(sales_lines.units_sold) as units_sold
    from seasons
    inner join sales_lines
        on
            seasons.merchant_id = sales_lines.merchant_id
            and seasons.category = sales_lines.category
            and sales_lines.business_date between seasons.season_start and seasons.season_end
    group by seasons.merchant_id, seasons.category, seasons.season_start

),

season_receipts as (

    select
        seasons.merchant_id,
        seasons.category,
        seasons.season_start,
        sum(receipt_lines.units_accepted) as units_received
    from seasons
    inner join receipt_lines
        on
            seasons.merchant_id = receipt_lines.merchant_id
            and seasons.category = receipt_lines.category
            and receipt_lines.received_date between seasons.season_start and seasons.season_end
    group by seasons.merchant_id, seasons.category, seasons.season_start

),

season_opening_stock as (

    -- Stock carried into the season: the Monday snapshot (taken before opening) of its first
    -- day or of the six days before it, i.e. the start of the week the season begins in.
    select
        seasons.merchant_id,
        seasons.category,
        seasons.season_start,
        sum(snapshots.on_hand_units) as opening_on_hand_units
    from seasons
    inner join snapshots
        on
            seasons.merchant_id = snapshots.merchant_id
            and seasons.category = snapshots.category
            and snapshots.snapshot_date
            between cast({{ dbt.dateadd('day', -6, 'seasons.season_start') }} as date) and seasons.season_start
    group by seasons.merchant_id, seasons.category, seasons.season_start

),

final as (

    select
        seasons.merchant_id,
        seasons.category,
        {{ dbt.concat(['seasons.merchant_id', "':'", 'seasons.category']) }} as entity_id,
        seasons.season,
        seasons.season_start,
        seasons.season_end,
        seasons.season_end <= {{ as_of_date() }} as is_closed,
        case
            when seasons.season_end > {{ as_of_date() }} then {{ as_of_date() }} else seasons.season_end
        end as season_to_date_end,
        season_sales.units_sold,
        season_receipts.units_received,
        coalesce(season_opening_stock.opening_on_hand_units, 0) as opening_on_hand_units,
        coalesce(season_opening_stock.opening_on_hand_units, 0) + coalesce(season_receipts.units_received, 0) as units_available
    from seasons
    left join season_sales
        on
            seasons.merchant_id = season_sales.merchant_id
            and seasons.category = season_sales.category
            and seasons.season_start = season_sales.season_start
    left join season_receipts
        on
            seasons.merchant_id = season_receipts.merchant_id
            and seasons.category = season_receipts.category
            and seasons.season_start = season_receipts.season_start
    left join season_opening_stock
        on
            seasons.merchant_id = season_opening_stock.merchant_id
            and seasons.category = season_opening_stock.category
            and seasons.season_start = season_opening_stock.season_start

)

select * from final
