-- Clean sla events: the rows of base_ops__sla_events that passed every check.
with

sla_events as (

    select * from {{ ref('base_ops__sla_events') }}

),

final as (

    select
        merchant_id,
        sla_event_id,
        operator_id,
        detected_at,
        responded_at,
        resolved_at,
        loaded_at
    from sla_events
    where quarantine_reason is null

)

select * from final
