-- Fulfillment Health (spec 000 tile 3) per merchant and day, from its first tracked order to as_of.
-- Each KPI has its own day cohort: pending at the end of the day, orders due that day (SLA),
-- orders fulfilled that day (days to fulfil), issues reported that day. The rates and averages
-- of these cohorts, per day and trailing window, are in fct_fulfillment_periods. Incremental:
-- a nightly recomputes the days of its lookback window, its running total starting from the
-- orders pending before the window (dbt_project.yml).
{%- set window_start = incremental_window_start() %}
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
    {%- if window_start %}
    where merchant_days.date_day >= {{ window_start }}
    {%- endif %}

),
{%- if window_start %}

pending_before_window as (

    -- Where the window's running total starts: placed less fulfilled before the window.
    {{ running_total_before_window('tracked', 'first_order', 'first_order_date', 'order_date', 'fulfilled_date', window_start, 'orders_pending') }}

),
{%- endif %}

final as (

    -- Pending at the end of the day: placed so far minus fulfilled so far.
    {{ with_running_total('daily', 'daily.orders_placed - daily.orders_fulfilled', 'orders_pending', 'pending_before_window' if window_start else none) }}

)

select * from final
