-- CX Escalations (spec 000 tile 4) per merchant and day, from its first conversation to as_of.
-- Rates and the median are over the conversations opened that day (4.4 over those with a
-- sentiment score): NULL (NO_DATA) on a day without any. Open escalations are counted at the
-- end of the day from the timestamps.
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
        count(*) as conversations_opened,
        sum(case when is_sla_breach then 1 else 0 end) as sla_breaches,
        sum(case when has_first_response then 1 else 0 end) as conversations_responded,
        percentile_cont(0.5) within group (order by first_response_time_minutes) as median_first_response_minutes,
        count(sentiment) as conversations_scored,
        sum(case when is_negative_sentiment then 1 else 0 end) as negative_sentiment_conversations
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
        opened.sla_breaches,
        opened.conversations_responded,
        opened.median_first_response_minutes,
        opened.conversations_scored,
        opened.negative_sentiment_conversations,
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
        sla_breaches,
        conversations_responded,
        median_first_response_minutes,
        conversations_scored,
        negative_sentiment_conversations,
        escalations_opened,
        escalations_closed,
        sum(escalations_opened - escalations_closed) over (
            partition by merchant_id order by date_day rows between unbounded preceding and current row
        ) as open_escalations,
        sla_breaches * 100.0 / nullif(conversations_opened, 0) as sla_breach_rate_pct,
        -- Over the scored conversations only: a day (or an export) without sentiment scores
        -- has measured nothing, so its share is NULL (NO_DATA), never 0 %.
        negative_sentiment_conversations * 100.0 / nullif(conversations_scored, 0) as negative_sentiment_pct
    from daily

)

select * from final
