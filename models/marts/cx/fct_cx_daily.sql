-- CX Escalations (spec 000 tile 4) per merchant and day, from its first conversation to as_of:
-- the calendar of the CX facts, and the escalations open at the end of each day (counted from
-- the timestamps). The rates and the median (4.2-4.4) are in fct_cx_periods.
with

conversations as (

    select * from {{ ref('int_conversations_classified') }}

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
    from conversations
    where is_escalated and escalated_date <= {{ as_of_date() }}
    group by merchant_id, escalated_date

),

escalations_closed as (

    select
        merchant_id,
        closed_date as date_day,
        count(*) as escalations_closed
    from conversations
    where is_escalated and closed_date <= {{ as_of_date() }}
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

),

final as (

    select
        merchant_id,
        date_day,
        conversations_opened,
        escalations_opened,
        escalations_closed,
        sum(escalations_opened - escalations_closed) over (
            partition by merchant_id order by date_day rows between unbounded preceding and current row
        ) as open_escalations
    from daily

)

select * from final
