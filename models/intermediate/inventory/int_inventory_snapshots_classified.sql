-- Each clean end-of-day inventory snapshot (up to as_of) with the fields the spec takes for
-- granted: trailing 30-day units sold, days_of_cover, stock_status, velocity_tier and
-- alert_severity. The rules and their parameters are in docs/storefront_ops.md.
with

snapshots as (

    select * from {{ ref('stg_inventory__inventory_snapshots') }}

),

policies as (

    select * from {{ ref('stg_inventory__reorder_policies') }}

),

sku_sales as (

    select * from {{ ref('int_sku_revenue_30d_rolled') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

parameters as (

    {{ merchant_parameters(ref('inventory_parameters'), 'merchants', [
        'out_of_stock_max_units', 'default_low_stock_cover_days', 'default_lead_time_days',
        'slow_min_units_30d', 'medium_min_units_30d', 'fast_min_units_30d']) }}

),

with_demand as (

    select
        snapshots.merchant_id,
        snapshots.sku,
        snapshots.snapshot_date,
        snapshots.on_hand_qty,
        policies.reorder_point,
        policies.lead_time_days,
        policies.sku is not null as has_reorder_policy,
        -- The sales grid starts at a SKU's first sale: no row means no sale yet, a true zero.
        coalesce(sku_sales.units_30d, 0) as units_sold_30d
    from snapshots
    left join policies
        on
            snapshots.merchant_id = policies.merchant_id
            and snapshots.sku = policies.sku
    left join sku_sales
        on
            snapshots.merchant_id = sku_sales.merchant_id
            and snapshots.sku = sku_sales.sku
            and snapshots.snapshot_date = sku_sales.date_day
    where snapshots.snapshot_date <= {{ as_of_date() }}

),

with_cover as (

    select
        *,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(units_sold_30d as {{ dbt.type_float() }}) / 30.0 as avg_daily_units_30d,
        -- Without sales in 30 days the cover is unbounded: NULL, not a huge number (see docs).
        -- Double division, as DuckDB does it for any decimal operand (PostgreSQL would keep decimals).
        case when units_sold_30d > 0 then on_hand_qty / (cast(units_sold_30d as {{ dbt.type_float() }}) / 30) end as days_of_cover
    from with_demand

),

classified as (

    select
        with_cover.*,
        coalesce(with_cover.lead_time_days, parameters.default_lead_time_days) as effective_lead_time_days,
        case
            when with_cover.on_hand_qty <= parameters.out_of_stock_max_units then 'out_of_stock'
            when with_cover.has_reorder_policy and with_cover.on_hand_qty <= with_cover.reorder_point then 'low_stock'
            when
                not with_cover.has_reorder_policy
                and with_cover.days_of_cover < parameters.default_low_stock_cover_days
                then 'low_stock'
            else 'in_stock'
        end as stock_status,
        case
            when with_cover.units_sold_30d >= parameters.fast_min_units_30d then 'fast'
            when with_cover.units_sold_30d >= parameters.medium_min_units_30d then 'medium'
            when with_cover.units_sold_30d >= parameters.slow_min_units_30d then 'slow'
            else 'stagnant'
        end as velocity_tier
    from with_cover
    inner join parameters
        on with_cover.merchant_id = parameters.merchant_id

),

final as (

    select
        *,
        case
            when stock_status = 'out_of_stock' then 'critical'
            -- Low and will run out before a reorder placed today can arrive.
            when stock_status = 'low_stock' and days_of_cover < effective_lead_time_days then 'high'
            when stock_status = 'low_stock' then 'medium'
        end as alert_severity
    from classified

)

select * from final
