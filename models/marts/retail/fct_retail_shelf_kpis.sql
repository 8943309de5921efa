-- Spec 001's shelf-audit rates, in-stock (merchandising) and empty shelf (receiving), per merchant
-- per ISO week and calendar month up to as_of, and over the 7 and 30 days ending on each day: a
-- dozen visits per store and week is no verdict on a week. Both read the same visits, pooled over
-- the period (visits counted, not daily rates averaged).
{%- set grains = ['week', 'month', 'rolling_7d', 'rolling_30d'] %}
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type = 'merchant' and grain in ('{{ grains | join("', '") }}')

),

shelf_audits as (

    select * from {{ ref('stg_retail__shelf_audits') }}

),

visits as (

    -- Phantom inventory: an empty shelf while the book shows units (an empty book is a true out-of-stock).
    select
        merchant_id,
        cast(audited_at as date) as audited_date,
        is_on_shelf,
        not is_on_shelf and book_units > 0 as is_phantom
    from shelf_audits
    where cast(audited_at as date) <= {{ as_of_date() }}

),

shelf as (

    {{ retail_period_totals('visits', 'audited_date', {
        'shelf_visits': 'count(*)',
        'on_shelf_visits': 'sum(case when is_on_shelf then 1 else 0 end)',
        'phantom_visits': 'sum(case when is_phantom then 1 else 0 end)'
    }, grains=grains) }}

),

final as (

    select
        spine.merchant_id,
        spine.entity_type,
        spine.entity_id,
        spine.grain,
        spine.period_start,
        spine.period_end,
        shelf.shelf_visits,
        shelf.on_shelf_visits,
        shelf.phantom_visits,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case when shelf.shelf_visits > 0 then cast(shelf.on_shelf_visits * 100.0 as {{ dbt.type_float() }}) / shelf.shelf_visits end as in_stock_rate_pct,
        case when shelf.shelf_visits > 0 then cast(shelf.phantom_visits * 100.0 as {{ dbt.type_float() }}) / shelf.shelf_visits end as empty_shelf_rate_pct
    from spine
    left join shelf on {{ retail_period_join('spine', 'shelf') }}

)

select * from final
