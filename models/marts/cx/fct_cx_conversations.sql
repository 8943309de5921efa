-- The spec's cx_conversations: one row per conversation opened up to as_of, with
-- first_response_time_minutes and is_sla_breach (rules: docs/storefront_ops.md).
with

conversations as (

    select * from {{ ref('int_conversations_classified') }}

),

final as (

    select * from conversations

)

select * from final
