-- Spec 001's financial-operations KPIs per merchant and per vendor (merchant:vendor), per ISO
-- week and calendar month (co-op utilization also year-to-date) up to as_of: discount capture, invoice cycle time and exceptions,
-- chargebacks as a share of purchases, and co-op utilization.
with

spine as (

    select * from {{ ref('int_retail_entity_periods_spined') }}
    where entity_type in ('merchant', 'vendor') and grain in ('week', 'month', 'year_to_date')

),

invoices as (

    select * from {{ ref('stg_retail__vendor_invoices') }}

),

purchase_orders as (

    select * from {{ ref('int_retail_purchase_orders_filled') }}

),

chargebacks as (

    select * from {{ ref('stg_retail__chargebacks') }}

),

coop_funds as (

    select * from {{ ref('stg_retail__coop_funds') }}

),

discount_offers as (

    -- An offered discount is judged in the period its deadline passes.
    select
        merchant_id,
        vendor_id,
        discount_due_date,
        discount_taken_amount,
        -- Multiplying by 0.01 keeps the amount decimal, so sums are exact and order-independent.
        invoice_amount * discount_pct * 0.01 as discount_available_amount
    from invoices
    where discount_pct > 0 and discount_due_date <= {{ as_of_date() }}

),

approved_invoices as (

    select
        merchant_id,
        vendor_id,
        cast(approved_at as date) as approved_date,
        {{ dbt.datediff('received_at', 'approved_at', 'second') }} as cycle_seconds
    from invoices
    where cast(approved_at as date) <= {{ as_of_date() }}

),

received_invoices as (

    select
        merchant_id,
        vendor_id,
        cast(received_at as date) as received_date,
        resolution_method
    from invoices
    where cast(received_at as date) <= {{ as_of_date() }}

),

issued_chargebacks as (

    select * from chargebacks
    where issued_date <= {{ as_of_date() }}

),

ordered as (

    select * from purchase_orders
    where ordered_date <= {{ as_of_date() }}

),

closed_funds as (

    select * from coop_funds
    where claim_deadline_date <= {{ as_of_date() }}

),

discounts as (

    {{ retail_period_totals('discount_offers', 'discount_due_date', {
        'discount_offers': 'count(*)',
        'discount_available_amount': 'sum(discount_available_amount)',
        'discount_taken_amount': 'sum(discount_taken_amount)'
    }, 'vendor') }}

),

approvals as (

    {{ retail_period_totals('approved_invoices', 'approved_date', {
        'approved_invoices': 'count(*)',
        'avg_invoice_cycle_days': 'avg(cycle_seconds) / 86400.0'
    }, 'vendor') }}

),

exceptions as (

    {{ retail_period_totals('received_invoices', 'received_date', {
        'invoices': 'count(*)',
        'manual_invoices': "sum(case when resolution_method = 'manual' then 1 else 0 end)"
    }, 'vendor') }}

),

deductions as (

    {{ retail_period_totals('issued_chargebacks', 'issued_date', {'chargeback_amount': 'sum(chargeback_amount)'}, 'vendor') }}

),

purchases as (

    {{ retail_period_totals('ordered', 'ordered_date', {
        'purchase_orders': 'count(*)',
        'purchase_value': 'sum(order_value)'
    }, 'vendor') }}

),

-- Funds close quarterly, so most months judge none: year-to-date is the dashboard's grain.
coop as (

    {{ retail_period_totals('closed_funds', 'claim_deadline_date', {
        'coop_funds_closed': 'count(*)',
        'coop_accrued_amount': 'sum(accrued_amount)',
        'coop_claimed_amount': 'sum(claimed_amount)'
    }, 'vendor', ['week', 'month', 'year_to_date']) }}

),

joined as (

    select
        spine.merchant_id,
        spine.entity_type,
        spine.entity_id,
        spine.vendor_id,
        spine.grain,
        spine.period_start,
        spine.period_end,
        discounts.discount_offers,
        discounts.discount_available_amount,
        discounts.discount_taken_amount,
        approvals.approved_invoices,
        approvals.avg_invoice_cycle_days,
        exceptions.invoices,
        exceptions.manual_invoices,
        purchases.purchase_orders,
        purchases.purchase_value,
        coop.coop_funds_closed,
        coop.coop_accrued_amount,
        coop.coop_claimed_amount,
        -- Purchases without any chargeback are a true 0% (possibly under-enforcement), not NO_DATA.
        case
            when purchases.purchase_value is not null then coalesce(deductions.chargeback_amount, 0)
        end as chargeback_amount
    from spine
    left join discounts on {{ retail_period_join('spine', 'discounts') }}
    left join approvals on {{ retail_period_join('spine', 'approvals') }}
    left join exceptions on {{ retail_period_join('spine', 'exceptions') }}
    left join deductions on {{ retail_period_join('spine', 'deductions') }}
    left join purchases on {{ retail_period_join('spine', 'purchases') }}
    left join coop on {{ retail_period_join('spine', 'coop') }}

),

final as (

    select
        *,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case
            when discount_available_amount > 0 then cast(discount_taken_amount * 100.0 as {{ dbt.type_float() }}) / discount_available_amount
        end as discount_capture_rate_pct,
        case when invoices > 0 then cast(manual_invoices * 100.0 as {{ dbt.type_float() }}) / invoices end as invoice_exception_rate_pct,
        case when purchase_value > 0 then cast(chargeback_amount * 100.0 as {{ dbt.type_float() }}) / purchase_value end as chargeback_share_pct,
        case
            when coop_accrued_amount > 0 then cast(coop_claimed_amount * 100.0 as {{ dbt.type_float() }}) / coop_accrued_amount
        end as coop_utilization_rate_pct
    from joined

)

select * from final
