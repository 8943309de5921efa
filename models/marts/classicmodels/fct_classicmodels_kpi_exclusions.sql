-- Diagnostic layer (data quality), one row per KPI scope: how many raw orders it could use and
-- how many it excluded for invalid or missing dates (spec 002: "records excluded from KPIs").
with

orders as (

    select * from {{ ref('base_classicmodels__orders') }}

),

scoped as (

    select
        'order_kpis' as kpi_scope,
        'revenue, orders, AOV, customers, RFM: an order needs a valid order date' as scope_rule,
        count(*) as record_count,
        sum(case when quarantine_reason = 'invalid_timestamp' then 1 else 0 end) as excluded_count
    from orders
    union all
    select
        'on_time_delivery' as kpi_scope,
        'on-time rate: a shipped order needs valid shipped and required dates' as scope_rule,
        sum(case when quarantine_reason is null and (shipped_date is not null or is_shipped_date_invalid) then 1 else 0 end)
            as record_count,
        sum(case when quarantine_reason is null and (is_shipped_date_invalid or is_required_date_invalid) then 1 else 0 end)
            as excluded_count
    from orders
    union all
    select
        'any_date_field' as kpi_scope,
        'orders with any invalid date field (order, required or shipped date)' as scope_rule,
        count(*) as record_count,
        sum(
            case
                when quarantine_reason = 'invalid_timestamp' or is_shipped_date_invalid or is_required_date_invalid
                    then 1
                else 0
            end
        ) as excluded_count
    from orders

),

final as (

    select
        *,
        100.0 * excluded_count / nullif(record_count, 0) as excluded_share_pct
    from scoped

)

select * from final
