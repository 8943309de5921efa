-- Spec 001's receiving and inventory-accuracy KPIs per merchant, per ISO week and calendar month
-- up to as_of: shrink, perpetual inventory accuracy, three-way match and receiving discrepancies
-- (empty shelves, read from the same visits as in-stock, are in fct_retail_shelf_kpis).
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type = 'merchant' and grain in ('week', 'month')

),

sales_lines as (

    select * from {{ ref('int_retail_sales_lines_certified') }}

),

adjustments as (

    select * from {{ ref('stg_retail__inventory_adjustments') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

physical_counts as (

    select * from {{ ref('stg_retail__physical_counts') }}

),

invoices as (

    select * from {{ ref('stg_retail__vendor_invoices') }}

),

deliveries as (

    select * from {{ ref('int_retail_deliveries_checked') }}

),

shrink_events as (

    -- Shrink at retail (the basis of sales $): lost units minus found ones; vendor returns are
    -- stock leaving on purpose, not shrink.
    select
        adjustments.merchant_id,
        cast(adjustments.adjusted_at as date) as adjusted_date,
        -adjustments.adjustment_units * products.unit_retail as shrink_retail
    from adjustments
    inner join products
        on
            adjustments.merchant_id = products.merchant_id
            and adjustments.sku = products.sku
    where
        adjustments.reason in ('theft', 'damage', 'admin_error', 'found')
        and cast(adjustments.adjusted_at as date) <= {{ as_of_date() }}

),

counts_checked as (

    -- Within tolerance: |book - counted| <= the larger of a unit allowance and a share of book.
    select
        merchant_id,
        counted_date,
        abs(book_units - counted_units) <= greatest(
            {{ var('retail_count_tolerance_units') }},
            {{ var('retail_count_tolerance_pct') }} / 100.0 * abs(book_units)
        ) as is_within_tolerance
    from physical_counts
    where counted_date <= {{ as_of_date() }}

),

received_invoices as (

    select
        merchant_id,
        cast(received_at as date) as received_date,
        first_pass_result
    from invoices
    where cast(received_at as date) <= {{ as_of_date() }}

),

sales as (

    {{ retail_period_totals('sales_lines', 'business_date', {
        'sales_line_count': 'count(*)',
        'net_sales': 'sum(net_sales)'
    }) }}

),

shrink as (

    {{ retail_period_totals('shrink_events', 'adjusted_date', {'shrink_retail': 'sum(shrink_retail)'}) }}

),

counts as (

    {{ retail_period_totals('counts_checked', 'counted_date', {
        'items_counted': 'count(*)',
        'items_within_tolerance': 'sum(case when is_within_tolerance then 1 else 0 end)'
    }) }}

),

matching as (

    {{ retail_period_totals('received_invoices', 'received_date', {
        'invoices': 'count(*)',
        'first_pass_matched_invoices': "sum(case when first_pass_result = 'matched' then 1 else 0 end)"
    }) }}

),

receiving as (

    {{ retail_period_totals('deliveries', 'received_date', {
        'deliveries': 'count(*)',
        'deliveries_with_quantity_exception': 'sum(case when has_quantity_exception then 1 else 0 end)',
        'deliveries_with_quality_exception': 'sum(case when has_quality_exception then 1 else 0 end)',
        'deliveries_with_exception': 'sum(case when has_quantity_exception or has_quality_exception then 1 else 0 end)'
    }) }}

),

joined as (

    select
        spine.merchant_id,
        spine.entity_type,
        spine.entity_id,
        spine.grain,
        spine.period_start,
        spine.period_end,
        sales.sales_line_count,
        sales.net_sales,
        counts.items_counted,
        counts.items_within_tolerance,
        matching.invoices,
        matching.first_pass_matched_invoices,
        receiving.deliveries,
        receiving.deliveries_with_quantity_exception,
        receiving.deliveries_with_quality_exception,
        receiving.deliveries_with_exception,
        -- No shrink adjustment in a period with sales is a true zero shrink.
        case when sales.net_sales is not null then coalesce(shrink.shrink_retail, 0) end as shrink_retail
    from spine
    left join sales on {{ retail_period_join('spine', 'sales') }}
    left join shrink on {{ retail_period_join('spine', 'shrink') }}
    left join counts on {{ retail_period_join('spine', 'counts') }}
    left join matching on {{ retail_period_join('spine', 'matching') }}
    left join receiving on {{ retail_period_join('spine', 'receiving') }}

),

final as (

    select
        *,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case when net_sales > 0 then cast(shrink_retail * 100.0 as {{ dbt.type_float() }}) / net_sales end as shrink_rate_pct,
        case
            when items_counted > 0 then cast(items_within_tolerance * 100.0 as {{ dbt.type_float() }}) / items_counted
        end as perpetual_inventory_accuracy_pct,
        case when invoices > 0 then cast(first_pass_matched_invoices * 100.0 as {{ dbt.type_float() }}) / invoices end as three_way_match_rate_pct,
        case
            when deliveries > 0 then cast(deliveries_with_exception * 100.0 as {{ dbt.type_float() }}) / deliveries
        end as receiving_discrepancy_rate_pct
    from joined

)

select * from final
