-- Clean fulfillments: the rows of base_fulfillment__fulfillments that passed every check.
with

fulfillments as (

    select * from {{ ref('base_fulfillment__fulfillments') }}

),

final as (

    select
        merchant_id,
        fulfillment_id,
        order_id,
        fulfillment_status,
        created_at,
        fulfilled_at,
        carrier,
        issue_type,
        issue_reported_at,
        loaded_at
    from fulfillments
    where quarantine_reason is null

)

select * from final
