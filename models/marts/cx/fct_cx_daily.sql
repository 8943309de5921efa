-- CX Escalations (spec 000 tile 4) per merchant and day, from its first conversation to as_of:
-- the calendar of the CX facts, and the escalations open at the end of each day (counted from
-- the timestamps). The rates and the median (4.2-4.4) are in fct_cx_periods. Incremental: a
-- nightly recomputes the days of its lookback window, its running total starting from the
-- escalations open before the window (dbt_project.yml).
{%- set window_start = incremental_window_start() %}
with

conversations as (

    select * from {{ ref('int_conversations_classified') }}

),

escalations as (

    select * from conversations
    where is_escalated

),

first_conversation as (

    select
        merchant_id,
        min(created_date) as first_conversation_date
    from conversations
    group by merchant_id

),

merchant_days as (

    -- From the first conversation, even one dated before the merchant's created_at.
    {{ entity_days_from('first_conversation', 'merchant_id', 'first_conversation_date') }}

),

opened as (

    select
        merchant_id,
        created_date as date_day,
        count(*) as conversations_opened
    from conversations
    group by merchant_id, created_date

),

escalated as (

    select
        merchant_id,
        escalated_date as date_day,
        count(*) as escalations_opened
    from escalations
    where escalated_date <= {{ as_of_date() }}
    group by merchant_id, escalated_date

),

escalations_closed as (

    select
        merchant_id,
        closed_date as date_day,
        count(*) as escalations_closed
    from escalations
    where closed_date <= {{ as_of_date() }}
    group by merchant_id, closed_date

),

daily as (

    select
        merchant_days.merchant_id,
        merchant_days.date_day,
        coalesce(opened.conversations_opened, 0) as conversations_opened,
        coalesce(escalated.escalations_opened, 0) as escalations_opened,
        coalesce(escalations_closed.escalations_closed, 0) as escalations_closed
    from merchant_days
    left join opened
        on merchant_days.merchant_id = opened.merchant_id and merchant_days.date_day = opened.date_day
    left join escalated
        on merchant_days.merchant_id = escalated.merchant_id and merchant_days.date_day = escalated.date_day
    left join escalations_closed
        on
            merchant_days.merchant_id = escalations_closed.merchant_id
            and merchant_days.date_day = escalations_closed.date_day
    {%- if window_start %}
    where merchant_days.date_day >= {{ window_start }}
    {%- endif %}

),
{%- if window_start %}

open_before_window as (

    -- Where the window's running total starts: escalated less closed before the window.
    {{ running_total_before_window('escalations', 'first_conversation', 'first_conversation_date', 'escalated_date', 'closed_date', window_start, 'open_escalations') }}

),
{%- endif %}

final as (

    {{ with_running_total('daily', 'daily.escalations_opened - daily.escalations_closed', 'open_escalations', 'open_before_window' if window_start else none) }}

)

select * from final
