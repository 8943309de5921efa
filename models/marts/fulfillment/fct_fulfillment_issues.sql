-- The spec's v_fulfillment_issues: the fulfillments a carrier or warehouse reported an issue on.
with

tracked as (

    select * from {{ ref('int_fulfillments_tracked') }}

),

final as (

    select
        merchant_id,
        fulfillment_id,
        order_id,
        order_date,
        issue_type,
        issue_reported_at,
        issue_reported_date,
        fulfillment_status,
        carrier,
        is_sla_breach
    from tracked
    where has_issue

)

select * from final
