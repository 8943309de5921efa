-- The CX rates and median of spec 000 (4.2-4.4) per merchant, over each day and over the
-- trailing windows ending on it (var kpi_trailing_windows): 2 to 4 conversations a day is no
-- verdict, their last 7 and 30 days are. Each window holds the conversations opened in it
-- (4.4: those with a sentiment score); a window without any has NULL rates (NO_DATA).
with

conversations as (

    select * from {{ ref('int_conversations_classified') }}

),

merchant_days as (

    select * from {{ ref('fct_cx_daily') }}

),

window_days as (

    {{ trailing_window_days() }}

),

periods as (

    select
        merchant_days.merchant_id,
        window_days.grain,
        {{ add_days('1 - window_days.window_days', 'merchant_days.date_day') }} as period_start,
        merchant_days.date_day as period_end
    from merchant_days
    cross join window_days
    where window_days.day_offset = 0

),

conversation_periods as (

    -- Each conversation once in every window it falls in.
    select
        conversations.*,
        window_days.grain,
        {{ add_days('window_days.day_offset', 'conversations.created_date') }} as period_end
    from conversations
    cross join window_days

),

aggregated as (

    select
        merchant_id,
        grain,
        period_end,
        count(*) as conversations_opened,
        sum(case when is_sla_breach then 1 else 0 end) as sla_breaches,
        sum(case when has_first_response then 1 else 0 end) as conversations_responded,
        percentile_cont(0.5) within group (order by first_response_time_minutes) as median_first_response_minutes,
        count(sentiment) as conversations_scored,
        sum(case when is_negative_sentiment then 1 else 0 end) as negative_sentiment_conversations
    from conversation_periods
    group by merchant_id, grain, period_end

),

final as (

    select
        periods.merchant_id,
        periods.grain,
        periods.period_start,
        periods.period_end,
        aggregated.median_first_response_minutes,
        coalesce(aggregated.conversations_opened, 0) as conversations_opened,
        coalesce(aggregated.sla_breaches, 0) as sla_breaches,
        coalesce(aggregated.conversations_responded, 0) as conversations_responded,
        coalesce(aggregated.conversations_scored, 0) as conversations_scored,
        coalesce(aggregated.negative_sentiment_conversations, 0) as negative_sentiment_conversations,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(aggregated.sla_breaches * 100.0 as {{ dbt.type_float() }}) / nullif(aggregated.conversations_opened, 0) as sla_breach_rate_pct,
        -- Over the scored conversations only: a window (or an export) without sentiment scores
        -- has measured nothing, so its share is NULL (NO_DATA), never 0 %.
        cast(aggregated.negative_sentiment_conversations * 100.0 as {{ dbt.type_float() }})
        / nullif(aggregated.conversations_scored, 0) as negative_sentiment_pct
    from periods
    left join aggregated
        on
            periods.merchant_id = aggregated.merchant_id
            and periods.grain = aggregated.grain
            and periods.period_end = aggregated.period_end

)

select * from final
