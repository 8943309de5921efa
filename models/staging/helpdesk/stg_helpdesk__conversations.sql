-- Clean conversations: the rows of base_helpdesk__conversations that passed every check.
with

conversations as (

    select * from {{ ref('base_helpdesk__conversations') }}

),

final as (

    select
        merchant_id,
        conversation_id,
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
        loaded_at
    from conversations
    where quarantine_reason is null

)

select * from final
