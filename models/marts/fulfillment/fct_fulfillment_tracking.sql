-- The spec's fulfillment_tracking: one row per fulfilled-or-pending order (cancelled excluded),
-- with is_sla_breach, days_to_fulfill and has_issue (rules: docs/storefront_ops.md).
with

tracked as (

    select * from {{ ref('int_fulfillments_tracked') }}

),

final as (

    select * from tracked

)

select * from final
