-- Diagnostic layer (data quality), one row per KPI scope: how many raw orders it could use and
-- how many it excluded for invalid or missing dates (spec 002: "records excluded from KPIs").
-- An invalid order date quarantines the order (base: every raw line); an invalid required or
-- shipped date only flags a clean order (stg).
with

orders as (

    select * from {{ ref('base_classicmodels__orders') }}

),

staged_orders as (

    select * from {{ ref('stg_classicmodels__orders') }}

),

order_dates as (

    select
        count(*) as record_count,
        sum(case when quarantine_reason = 'invalid_timestamp' then 1 else 0 end) as invalid_order_date_count
    from orders

),

delivery_dates as (

    select
        sum(case when shipped_date_text is not null then 1 else 0 end) as shipped_count,
        sum(case when is_shipped_date_invalid or is_required_date_invalid then 1 else 0 end) as invalid_delivery_date_count
    from staged_orders

),

scoped as (

    select
        'order_kpis' as kpi_scope,
        'revenue, orders, AOV, customers, RFM: an order needs a valid order date' as scope_rule,
        order_dates.record_count,
        order_dates.invalid_order_date_count as excluded_count
    from order_dates
    union all
    select
        'on_time_delivery' as kpi_scope,
        'on-time rate: a shipped order needs valid shipped and required dates' as scope_rule,
        delivery_dates.shipped_count as record_count,
        delivery_dates.invalid_delivery_date_count as excluded_count
    from delivery_dates
    union all
    select
        'any_date_field' as kpi_scope,
        'orders with any invalid date field (order, required or shipped date)' as scope_rule,
        order_dates.record_count,
        order_dates.invalid_order_date_count + delivery_dates.invalid_delivery_date_count as excluded_count
    from order_dates
    cross join delivery_dates

),

final as (

    select
        *,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(100.0 * excluded_count as {{ dbt.type_float() }}) / nullif(record_count, 0) as excluded_share_pct
    from scoped

)

select * from final
