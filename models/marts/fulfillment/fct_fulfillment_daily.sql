-- Fulfillment Health (spec 000 tile 3) per merchant and day, from its first tracked order to as_of.
-- Each KPI has its own day cohort: pending at the end of the day, orders due that day (SLA),
-- orders fulfilled that day (days to fulfil), issues reported that day. The rates and averages
-- of these cohorts, per day and trailing window, are in fct_fulfillment_periods.
with

tracked as (

    select * from {{ ref('int_fulfillments_tracked') }}

),

first_order as (

    select
        merchant_id,
        min(order_date) as first_order_date
    from tracked
    group by merchant_id

),

merchant_days as (

    -- From the first order, even one dated before the merchant's created_at.
    {{ entity_days_from('first_order', 'merchant_id', 'first_order_date') }}

),

placed as (

    select
        merchant_id,
        order_date as date_day,
        count(*) as orders_placed
    from tracked
    group by merchant_id, order_date

),

fulfilled as (

    select
        merchant_id,
        fulfilled_date as date_day,
        count(*) as orders_fulfilled,
        -- In decimal: a double sum depends on the order rows arrive in, and reruns must be exact.
        sum(cast(days_to_fulfill as decimal(38, 12))) as days_to_fulfill_total
    from tracked
    where fulfilled_date <= {{ as_of_date() }}
    group by merchant_id, fulfilled_date

),

due as (

    select
        merchant_id,
        sla_due_date as date_day,
        count(*) as orders_due,
        sum(case when is_sla_breach then 1 else 0 end) as sla_breaches
    from tracked
    where sla_due_date <= {{ as_of_date() }}
    group by merchant_id, sla_due_date

),

issues as (

    select
        merchant_id,
        issue_reported_date as date_day,
        count(*) as issues_reported
    from tracked
    where has_issue and issue_reported_date <= {{ as_of_date() }}
    group by merchant_id, issue_reported_date

),

daily as (

    select
        merchant_days.merchant_id,
        merchant_days.date_day,
        coalesce(placed.orders_placed, 0) as orders_placed,
        coalesce(fulfilled.orders_fulfilled, 0) as orders_fulfilled,
        coalesce(fulfilled.days_to_fulfill_total, 0) as days_to_fulfill_total,
        coalesce(due.orders_due, 0) as orders_due,
        coalesce(due.sla_breaches, 0) as sla_breaches,
        coalesce(issues.issues_reported, 0) as issues_reported
    from merchant_days
    left join placed
        on merchant_days.merchant_id = placed.merchant_id and merchant_days.date_day = placed.date_day
    left join fulfilled
        on merchant_days.merchant_id = fulfilled.merchant_id and merchant_days.date_day = fulfilled.date_day
    left join due
        on merchant_days.merchant_id = due.merchant_id and merchant_days.date_day = due.date_day
    left join issues
        on merchant_days.merchant_id = issues.merchant_id and merchant_days.date_day = issues.date_day

),

final as (

    select
        *,
        -- Pending at the end of the day: placed so far minus fulfilled so far.
        sum(orders_placed - orders_fulfilled) over (
            partition by merchant_id order by date_day rows between unbounded preceding and current row
        ) as orders_pending
    from daily

)

select * from final
