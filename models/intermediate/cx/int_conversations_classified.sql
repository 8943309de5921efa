-- Each clean conversation opened up to as_of, with its first-response time, its first-response
-- SLA (by channel, seed cx_first_response_sla; a channel without a row of its own, e.g.
-- self_service, has the '*' channel's) and whether it breached it, as known at the end of the
-- merchant's as_of day. Dates are the merchant's own calendar days (its time zone).
with

conversations as (

    select * from {{ ref('stg_helpdesk__conversations') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

sla as (

    {{ merchant_parameters(ref('cx_first_response_sla'), 'merchants', ['first_response_sla_minutes'], ['channel']) }}

),

localized as (

    select
        conversations.*,
        merchants.timezone as time_zone,
        {{ local_date('conversations.created_at', 'merchants.timezone') }} as created_date
    from conversations
    inner join merchants
        on conversations.merchant_id = merchants.merchant_id

),

channel_sla as (

    select
        localized.*,
        coalesce(sla.first_response_sla_minutes, any_channel_sla.first_response_sla_minutes) as first_response_sla_minutes
    from localized
    left join sla
        on
            localized.merchant_id = sla.merchant_id
            and localized.channel = sla.channel
    left join sla as any_channel_sla
        on
            localized.merchant_id = any_channel_sla.merchant_id
            and any_channel_sla.channel = '*'
    where localized.created_date <= {{ as_of_date() }}

),

with_sla as (

    select
        *,
        {{ dbt.dateadd('minute', 'first_response_sla_minutes', 'created_at') }} as first_response_due_at
    from channel_sla

),

final as (

    select
        merchant_id,
        conversation_id,
        order_id,
        channel,
        created_at,
        created_date,
        first_response_at,
        status,
        is_escalated,
        escalated_at,
        {{ local_date('escalated_at', 'time_zone') }} as escalated_date,
        closed_at,
        {{ local_date('closed_at', 'time_zone') }} as closed_date,
        sentiment,
        assigned_operator_id,
        first_response_sla_minutes,
        first_response_due_at,
        first_response_at is not null as has_first_response,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast({{ dbt.datediff('created_at', 'first_response_at', 'second') }} as {{ dbt.type_float() }}) / 60.0 as first_response_time_minutes,
        -- Not answered yet: a breach only once the due time has passed by the end of as_of.
        case
            when first_response_at is not null then first_response_at > first_response_due_at
            else {{ local_timestamp('first_response_due_at', 'time_zone') }} < {{ dbt.dateadd('day', 1, as_of_date()) }}
        end as is_sla_breach,
        -- Not scored yet is not negative (false, not NULL).
        sentiment is not null and sentiment in ('negative', 'very_negative') as is_negative_sentiment,
        status in ('open', 'pending') as is_open
    from with_sla

)

select * from final
