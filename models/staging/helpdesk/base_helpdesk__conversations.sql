-- Every raw conversation row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('helpdesk', 'conversations') }}

),

typed as (

    select
        trim(conversation_id) as conversation_id,
        trim(merchant_id) as merchant_id,
        trim(order_id) as order_id,
        lower(trim(channel)) as channel,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        first_response_at as first_response_at_raw,
        {{ dbt.safe_cast('first_response_at', dbt.type_timestamp()) }} as first_response_at,
        lower(trim(status)) as status,
        is_escalated as is_escalated_raw,
        {{ dbt.safe_cast('is_escalated', dbt.type_boolean()) }} as is_escalated,
        escalated_at as escalated_at_raw,
        {{ dbt.safe_cast('escalated_at', dbt.type_timestamp()) }} as escalated_at,
        closed_at as closed_at_raw,
        {{ dbt.safe_cast('closed_at', dbt.type_timestamp()) }} as closed_at,
        lower(trim(sentiment)) as sentiment,
        trim(assigned_operator_id) as assigned_operator_id,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when conversation_id is null or merchant_id is null then 'null_key'
            when created_at is null then 'invalid_timestamp'
            when first_response_at_raw is not null and first_response_at is null then 'invalid_timestamp'
            when escalated_at_raw is not null and escalated_at is null then 'invalid_timestamp'
            when closed_at_raw is not null and closed_at is null then 'invalid_timestamp'
            when first_response_at < created_at or closed_at < created_at then 'invalid_timestamp'
            -- An escalation happens while the conversation is open.
            when escalated_at < created_at or escalated_at > closed_at then 'invalid_timestamp'
            when channel not in ('email', 'chat', 'phone', 'social') then 'invalid_enum'
            when status not in ('open', 'pending', 'closed') then 'invalid_enum'
            when is_escalated is null then 'invalid_enum'
            -- Sentiment may be missing (not scored yet); when present it must be on the scale.
            when sentiment not in ('very_negative', 'negative', 'neutral', 'positive', 'very_positive') then 'invalid_enum'
            -- The history of a conversation is read from its timestamps, so they must agree with its state.
            when (status = 'closed') != (closed_at is not null) then 'invalid_timestamp'
            when is_escalated and escalated_at is null then 'invalid_timestamp'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, conversation_id, row_defect
            order by loaded_at desc, closed_at desc, first_response_at desc
        ) as copy_number
    from checked

),

final as (

    select
        conversation_id,
        merchant_id,
        order_id,
        channel,
        created_at,
        first_response_at,
        status,
        is_escalated,
        escalated_at,
        closed_at,
        sentiment,
        assigned_operator_id,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
