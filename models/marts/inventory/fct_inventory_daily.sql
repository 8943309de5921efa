-- Inventory Heatmap (spec 000 tile 2) per merchant and day, from its first snapshot to as_of.
-- A day without a snapshot has NULL counts (NO_DATA): a missing export is not zero alerts.
with

snapshots as (

    select * from {{ ref('int_inventory_snapshots_classified') }}

),

merchant_days as (

    select * from {{ ref('int_merchant_days_spined') }}

),

first_snapshot as (

    select
        merchant_id,
        min(snapshot_date) as first_snapshot_date
    from snapshots
    group by merchant_id

),

by_day as (

    select
        merchant_id,
        snapshot_date,
        count(*) as sku_count,
        sum(case when stock_status = 'low_stock' then 1 else 0 end) as low_stock_count,
        sum(case when stock_status = 'out_of_stock' then 1 else 0 end) as out_of_stock_count,
        sum(case when stock_status = 'in_stock' then 1 else 0 end) as in_stock_count,
        {{ exact_avg("case when stock_status = 'in_stock' then days_of_cover end") }} as avg_days_of_cover_in_stock,
        sum(case when velocity_tier = 'fast' then 1 else 0 end) as fast_count,
        sum(case when velocity_tier = 'medium' then 1 else 0 end) as medium_count,
        sum(case when velocity_tier = 'slow' then 1 else 0 end) as slow_count,
        sum(case when velocity_tier = 'stagnant' then 1 else 0 end) as stagnant_count
    from snapshots
    group by merchant_id, snapshot_date

),

final as (

    select
        merchant_days.merchant_id,
        merchant_days.date_day,
        by_day.sku_count,
        by_day.low_stock_count,
        by_day.out_of_stock_count,
        by_day.in_stock_count,
        by_day.avg_days_of_cover_in_stock,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(by_day.fast_count * 100.0 as {{ dbt.type_float() }}) / by_day.sku_count as fast_share_pct,
        cast(by_day.medium_count * 100.0 as {{ dbt.type_float() }}) / by_day.sku_count as medium_share_pct,
        cast(by_day.slow_count * 100.0 as {{ dbt.type_float() }}) / by_day.sku_count as slow_share_pct,
        cast(by_day.stagnant_count * 100.0 as {{ dbt.type_float() }}) / by_day.sku_count as stagnant_share_pct
    from merchant_days
    inner join first_snapshot
        on
            merchant_days.merchant_id = first_snapshot.merchant_id
            and merchant_days.date_day >= first_snapshot.first_snapshot_date
    left join by_day
        on
            merchant_days.merchant_id = by_day.merchant_id
            and merchant_days.date_day = by_day.snapshot_date

)

select * from final
