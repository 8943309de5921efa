-- Every raw order row, typed, with the reason it cannot be used (null when it can).
-- An order needs its order date; a missing or invalid required or shipped date only keeps the
-- order out of the on-time delivery KPI, so that date becomes NULL and is flagged instead.
with

source as (

    select * from {{ source('classicmodels', 'orders') }}

),

customer_keys as (

    -- An order is only as usable as its customer: known and with at least one clean copy.
    {{ clean_parent_keys('base_classicmodels__customers', ['customer_id'], 'has_clean_customer') }}

),

typed as (

    select
        {{ dbt.safe_cast(clean_text('orderNumber'), dbt.type_int()) }} as order_id,
        {{ dbt.safe_cast(clean_text('customerNumber'), dbt.type_int()) }} as customer_id,
        {{ dbt.safe_cast(clean_text('orderDate'), 'date') }} as order_date,
        {{ clean_text('requiredDate') }} as required_date_raw,
        {{ dbt.safe_cast(clean_text('requiredDate'), 'date') }} as required_date_parsed,
        {{ clean_text('shippedDate') }} as shipped_date_raw,
        {{ dbt.safe_cast(clean_text('shippedDate'), 'date') }} as shipped_date_parsed,
        -- 'In Process', ' on hold ' and 'ON_HOLD' are one status: lowercase, spaces to underscores.
        replace(lower({{ clean_text('status') }}), ' ', '_') as order_status,
        {{ clean_text('comments') }} as order_comments
    from source

),

dated as (

    select
        *,
        -- A date that does not parse, or falls before the order date, is invalid.
        required_date_raw is not null
        and (required_date_parsed is null or required_date_parsed < order_date) as is_required_date_invalid,
        shipped_date_raw is not null
        and (shipped_date_parsed is null or shipped_date_parsed < order_date) as is_shipped_date_invalid
    from typed

),

checked as (

    select
        dated.*,
        case
            when dated.order_id is null or dated.customer_id is null then 'null_key'
            when dated.order_date is null then 'invalid_timestamp'
            when dated.order_status is null or dated.order_status not in (
                'shipped', 'resolved', 'cancelled', 'on_hold', 'disputed', 'in_process'
            ) then 'invalid_enum'
            when customer_keys.customer_id is null then 'orphan_key'
            when not customer_keys.has_clean_customer then 'parent_quarantined'
        end as row_defect
    from dated
    left join customer_keys
        on dated.customer_id = customer_keys.customer_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by order_id, row_defect
            order by order_date, customer_id, order_status
        ) as copy_number
    from checked

),

final as (

    select
        order_id,
        customer_id,
        order_date,
        order_status,
        order_comments,
        is_required_date_invalid,
        is_shipped_date_invalid,
        case when not is_required_date_invalid then required_date_parsed end as required_date,
        case when not is_shipped_date_invalid then shipped_date_parsed end as shipped_date,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
