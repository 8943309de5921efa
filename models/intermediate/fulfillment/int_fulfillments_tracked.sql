-- Each clean fulfillment of an order that was not cancelled, with its SLA due date and breach,
-- its days to fulfil and its issue flag (the spec's fulfillment_tracking fields). Dates are the
-- merchant's own calendar days (its time zone), like the order date.
with

fulfillments as (

    select * from {{ ref('stg_fulfillment__fulfillments') }}

),

orders as (

    select * from {{ ref('int_orders_classified') }}

),

calendar as (

    select * from {{ ref('int_business_days_numbered') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

parameters as (

    {{ merchant_parameters(ref('fulfillment_parameters'), 'merchants', ['sla_business_days']) }}

),

tracked as (

    -- A cancelled order is not to be fulfilled: it is neither pending nor breaching.
    select
        fulfillments.*,
        orders.order_date,
        orders.time_zone
    from fulfillments
    inner join orders
        on
            fulfillments.merchant_id = orders.merchant_id
            and fulfillments.order_id = orders.order_id
    where not orders.is_cancelled and orders.order_date <= {{ as_of_date() }}

),

with_due_date as (

    select
        tracked.*,
        parameters.sla_business_days,
        due_day.date_day as sla_due_date
    from tracked
    inner join parameters
        on tracked.merchant_id = parameters.merchant_id
    inner join calendar as order_day
        on tracked.order_date = order_day.date_day
    inner join calendar as due_day
        on
            due_day.is_business_day
            and due_day.business_day_number = order_day.business_day_number + parameters.sla_business_days

),

final as (

    select
        merchant_id,
        fulfillment_id,
        order_id,
        order_date,
        fulfillment_status,
        created_at,
        fulfilled_at,
        {{ local_date('fulfilled_at', 'time_zone') }} as fulfilled_date,
        carrier,
        issue_type,
        issue_reported_at,
        {{ local_date('issue_reported_at', 'time_zone') }} as issue_reported_date,
        sla_business_days,
        sla_due_date,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast({{ dbt.datediff('created_at', 'fulfilled_at', 'second') }} as {{ dbt.type_float() }}) / 86400.0 as days_to_fulfill,
        -- Breached when fulfilled after the due day, or still unfulfilled once the due day is over.
        case
            when fulfilled_at is not null then {{ local_date('fulfilled_at', 'time_zone') }} > sla_due_date
            else sla_due_date <= {{ as_of_date() }}
        end as is_sla_breach,
        issue_type is not null as has_issue
    from with_due_date

)

select * from final
