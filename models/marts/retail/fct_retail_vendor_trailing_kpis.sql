-- Spec 001's five vendor rates (fill, on-time, ASN accuracy, EDI compliance, invoice accuracy)
-- per vendor (merchant:vendor) and per merchant (pooled) over the 30 days ending on each day up
-- to as_of: a vendor-month of a few deliveries is no verdict, its last 30 days are read every
-- day. Each rate is its window's numerator over its window's denominator (the records of
-- fct_retail_vendor_kpis, dated as there), never an average of daily rates.
{%- set grains = ['rolling_30d'] %}
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type in ('merchant', 'vendor') and grain in ('{{ grains | join("', '") }}')

),

purchase_orders as (

    select * from {{ ref('int_retail_purchase_orders_filled') }}

),

deliveries as (

    select * from {{ ref('int_retail_deliveries_checked') }}

),

edi_transactions as (

    select * from {{ ref('stg_retail__edi_transactions') }}

),

invoices as (

    select * from {{ ref('stg_retail__vendor_invoices') }}

),

due_orders as (

    -- A PO is judged once its delivery window has closed, on the day the window closes.
    select * from purchase_orders
    where window_end_date <= {{ as_of_date() }}

),

vendor_documents as (

    -- Only what the vendor sends counts (855 acknowledgment, 856 ASN, 810 invoice), not our 850.
    select
        merchant_id,
        vendor_id,
        cast(transmitted_at as date) as transmitted_date,
        is_correct and is_on_time as is_compliant
    from edi_transactions
    where transaction_type != '850' and cast(transmitted_at as date) <= {{ as_of_date() }}

),

received_invoices as (

    select
        merchant_id,
        vendor_id,
        cast(received_at as date) as received_date,
        po_match_result
    from invoices
    where cast(received_at as date) <= {{ as_of_date() }}

),

fill as (

    {{ retail_period_totals('due_orders', 'window_end_date', {
        'units_ordered': 'sum(units_ordered)',
        'units_shipped': 'sum(units_shipped)'
    }, 'vendor', grains) }}

),

delivery as (

    {{ retail_period_totals('deliveries', 'received_date', {
        'deliveries': 'count(*)',
        'on_time_deliveries': 'sum(case when is_on_time then 1 else 0 end)',
        'asns_received': 'count(is_asn_accurate)',
        'accurate_asns': 'sum(case when is_asn_accurate then 1 else 0 end)'
    }, 'vendor', grains) }}

),

edi as (

    {{ retail_period_totals('vendor_documents', 'transmitted_date', {
        'edi_transactions': 'count(*)',
        'compliant_edi_transactions': 'sum(case when is_compliant then 1 else 0 end)'
    }, 'vendor', grains) }}

),

invoicing as (

    {{ retail_period_totals('received_invoices', 'received_date', {
        'invoices': 'count(*)',
        'exact_invoices': "sum(case when po_match_result = 'exact' then 1 else 0 end)"
    }, 'vendor', grains) }}

),

final as (

    select
        spine.merchant_id,
        spine.entity_type,
        spine.entity_id,
        spine.vendor_id,
        spine.grain,
        spine.period_start,
        spine.period_end,
        fill.units_ordered,
        fill.units_shipped,
        delivery.deliveries,
        delivery.on_time_deliveries,
        delivery.asns_received,
        delivery.accurate_asns,
        edi.edi_transactions,
        edi.compliant_edi_transactions,
        invoicing.invoices,
        invoicing.exact_invoices,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case when fill.units_ordered > 0 then cast(fill.units_shipped * 100.0 as {{ dbt.type_float() }}) / fill.units_ordered end as fill_rate_pct,
        case
            when delivery.deliveries > 0 then cast(delivery.on_time_deliveries * 100.0 as {{ dbt.type_float() }}) / delivery.deliveries
        end as on_time_delivery_pct,
        case
            when delivery.asns_received > 0 then cast(delivery.accurate_asns * 100.0 as {{ dbt.type_float() }}) / delivery.asns_received
        end as asn_accuracy_pct,
        case
            when edi.edi_transactions > 0 then cast(edi.compliant_edi_transactions * 100.0 as {{ dbt.type_float() }}) / edi.edi_transactions
        end as edi_compliance_pct,
        case
            when invoicing.invoices > 0 then cast(invoicing.exact_invoices * 100.0 as {{ dbt.type_float() }}) / invoicing.invoices
        end as invoice_accuracy_pct
    from spine
    left join fill on {{ retail_period_join('spine', 'fill') }}
    left join delivery on {{ retail_period_join('spine', 'delivery') }}
    left join edi on {{ retail_period_join('spine', 'edi') }}
    left join invoicing on {{ retail_period_join('spine', 'invoicing') }}

)

select * from final
