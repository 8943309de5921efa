-- Spec 001's vendor performance KPIs per vendor (entity merchant:vendor) and rolled up per
-- merchant (pooled over all its vendors' records, not an average of vendor ratios), per ISO week
-- and calendar month up to as_of. A vendor without any record in a period has NULL KPIs there.
-- The five vendor rates are also read over the 30 days ending on each day (rolling_30d): a
-- vendor-month of a few deliveries is no verdict. Each window's rate is its numerators' sum over
-- its denominators' sum; chargebacks are judged per week and month only.
{%- set rate_grains = ['week', 'month', 'rolling_30d'] %}
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type in ('merchant', 'vendor') and grain in ('{{ rate_grains | join("', '") }}')

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

chargebacks as (

    select * from {{ ref('stg_retail__chargebacks') }}

),

scorecard_weights as (

    select * from {{ ref('retail_vendor_scorecard_weights') }}

),

due_orders as (

    -- A PO is judged once its delivery window has closed, in the period the window closes.
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

credited_chargebacks as (

    select
        merchant_id,
        vendor_id,
        credited_date,
        {{ dbt.datediff('issued_date', 'credited_date', 'day') }} as resolution_days
    from chargebacks
    where credited_date <= {{ as_of_date() }}

),

overdue_open_chargebacks as (

    -- Open at the period's end and already past the 30-day target (var
    -- retail_chargeback_overdue_days): counted at their age so far, a lower bound on their time
    -- to credit, so a vendor that does not credit ages instead of vanishing. Younger open ones
    -- can still be credited in time and would only pull the average down.
    select
        spine.entity_type,
        spine.entity_id,
        spine.grain,
        spine.period_start,
        count(*) as overdue_open_chargebacks,
        sum({{ dbt.datediff('chargebacks.issued_date', 'spine.period_end', 'day') }}) as overdue_open_age_days
    from spine
    inner join chargebacks
        on
            spine.merchant_id = chargebacks.merchant_id
            and (spine.entity_type = 'merchant' or spine.vendor_id = chargebacks.vendor_id)
    where
        spine.grain in ('week', 'month')
        and chargebacks.issued_date
        <= {{ dbt.dateadd('day', -var('retail_chargeback_overdue_days'), 'spine.period_end') }}
        and (chargebacks.credited_date is null or chargebacks.credited_date > spine.period_end)
    group by spine.entity_type, spine.entity_id, spine.grain, spine.period_start

),

fill as (

    {{ retail_period_totals('due_orders', 'window_end_date', {
        'units_ordered': 'sum(units_ordered)',
        'units_shipped': 'sum(units_shipped)'
    }, 'vendor', rate_grains) }}

),

delivery as (

    {{ retail_period_totals('deliveries', 'received_date', {
        'deliveries': 'count(*)',
        'on_time_deliveries': 'sum(case when is_on_time then 1 else 0 end)',
        'asns_received': 'count(is_asn_accurate)',
        'accurate_asns': 'sum(case when is_asn_accurate then 1 else 0 end)'
    }, 'vendor', rate_grains) }}

),

edi as (

    {{ retail_period_totals('vendor_documents', 'transmitted_date', {
        'edi_transactions': 'count(*)',
        'compliant_edi_transactions': 'sum(case when is_compliant then 1 else 0 end)'
    }, 'vendor', rate_grains) }}

),

invoicing as (

    {{ retail_period_totals('received_invoices', 'received_date', {
        'invoices': 'count(*)',
        'exact_invoices': "sum(case when po_match_result = 'exact' then 1 else 0 end)"
    }, 'vendor', rate_grains) }}

),

chargeback_resolution as (

    {{ retail_period_totals('credited_chargebacks', 'credited_date', {
        'credited_chargebacks': 'count(*)',
        'credited_resolution_days': 'sum(resolution_days)'
    }, 'vendor') }}

),

ratios as (

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
        chargeback_resolution.credited_chargebacks,
        chargeback_resolution.credited_resolution_days,
        overdue_open_chargebacks.overdue_open_chargebacks,
        overdue_open_chargebacks.overdue_open_age_days,
        case
            when spine.grain in ('week', 'month')
                then
                    coalesce(chargeback_resolution.credited_chargebacks, 0)
                    + coalesce(overdue_open_chargebacks.overdue_open_chargebacks, 0)
        end as chargebacks_timed,
        case
            when chargeback_resolution.credited_chargebacks > 0 or overdue_open_chargebacks.overdue_open_chargebacks > 0
                then (
                    coalesce(chargeback_resolution.credited_resolution_days, 0)
                    + coalesce(overdue_open_chargebacks.overdue_open_age_days, 0)
                ) * 1.0 / (
                    coalesce(chargeback_resolution.credited_chargebacks, 0)
                    + coalesce(overdue_open_chargebacks.overdue_open_chargebacks, 0)
                )
        end as avg_chargeback_resolution_days,
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
    left join chargeback_resolution on {{ retail_period_join('spine', 'chargeback_resolution') }}
    left join overdue_open_chargebacks on {{ retail_period_join('spine', 'overdue_open_chargebacks') }}

),

{#- The scorecard's dimensions (kpi_id: column); their weights come from the seed. -#}
{%- set scorecard_dimensions = {
    'retail.fill_rate': 'fill_rate_pct',
    'retail.on_time_delivery': 'on_time_delivery_pct',
    'retail.asn_accuracy': 'asn_accuracy_pct',
    'retail.edi_compliance': 'edi_compliance_pct',
    'retail.invoice_accuracy': 'invoice_accuracy_pct'
} -%}
{%- set weight_columns, weighted_scores, scored_weights, scored_flags = [], [], [], [] -%}
{%- for kpi_id, column in scorecard_dimensions.items() -%}
    {%- do weight_columns.append("max(case when kpi_id = '" ~ kpi_id ~ "' then weight end) as " ~ column ~ "_weight") -%}
    {%- do weighted_scores.append('case when ratios.' ~ column ~ ' is not null then ratios.' ~ column ~ ' * weights.' ~ column ~ '_weight else 0 end') -%}
    {%- do scored_weights.append('case when ratios.' ~ column ~ ' is not null then weights.' ~ column ~ '_weight else 0 end') -%}
    {%- do scored_flags.append('case when ratios.' ~ column ~ ' is not null then 1 else 0 end') -%}
{%- endfor %}

-- The scorecard's weights from the seed, one column per dimension.
weights as (

    select {{ weight_columns | join(', ') }}
    from scorecard_weights

),

final as (

    -- Weighted average over the dimensions that have a value (the others' weights drop out of
    -- the denominator); NULL when none has. Written out, not aggregated: a fixed order of
    -- floating-point operations gives the same result on every run.
    select
        ratios.*,
        ({{ weighted_scores | join(' + ') }}) / nullif({{ scored_weights | join(' + ') }}, 0) as vendor_scorecard_score,
        {{ scored_flags | join(' + ') }} as scorecard_dimensions_scored
    from ratios
    cross join weights

)

select * from final
