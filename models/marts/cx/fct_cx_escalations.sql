-- The spec's v_cx_escalations: the escalated conversations, with whether each is still open
-- (status open or pending) as of the latest extract.
with

conversations as (

    select * from {{ ref('int_conversations_classified') }}

),

final as (

    select
        merchant_id,
        conversation_id,
        order_id,
        channel,
        created_at,
        escalated_at,
        escalated_date,
        closed_at,
        status,
        is_open,
        sentiment,
        assigned_operator_id
    from conversations
    where is_escalated

)

select * from final
