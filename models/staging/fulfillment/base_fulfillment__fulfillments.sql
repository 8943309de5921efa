-- Every raw fulfillment row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('fulfillment', 'fulfillments') }}

),

order_keys as (

    -- A fulfillment is only as usable as its order: known to the storefront, with a clean record.
    {{ clean_parent_keys('base_storefront__orders', ['merchant_id', 'order_id'], 'has_clean_order') }}

),

typed as (

    select
        trim(fulfillment_id) as fulfillment_id,
        trim(merchant_id) as merchant_id,
        trim(order_id) as order_id,
        lower(trim(fulfillment_status)) as fulfillment_status,
        {{ dbt.safe_cast('created_at', dbt.type_timestamp()) }} as created_at,
        fulfilled_at as fulfilled_at_raw,
        {{ dbt.safe_cast('fulfilled_at', dbt.type_timestamp()) }} as fulfilled_at,
        lower(trim(carrier)) as carrier,
        lower(trim(issue_type)) as issue_type,
        issue_reported_at as issue_reported_at_raw,
        {{ dbt.safe_cast('issue_reported_at', dbt.type_timestamp()) }} as issue_reported_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.fulfillment_id is null or typed.merchant_id is null or typed.order_id is null then 'null_key'
            when typed.created_at is null then 'invalid_timestamp'
            when typed.fulfilled_at_raw is not null and typed.fulfilled_at is null then 'invalid_timestamp'
            when typed.issue_reported_at_raw is not null and typed.issue_reported_at is null then 'invalid_timestamp'
            when typed.fulfilled_at < typed.created_at then 'invalid_timestamp'
            when typed.fulfillment_status not in ('unfulfilled', 'partial', 'fulfilled') then 'invalid_enum'
            when typed.issue_type not in ('delayed', 'lost', 'damaged', 'address_problem') then 'invalid_enum'
            -- A fulfilled order without its time, or an issue without its report time, cannot be dated.
            when typed.fulfillment_status = 'fulfilled' and typed.fulfilled_at is null then 'invalid_timestamp'
            when typed.issue_type is not null and typed.issue_reported_at is null then 'invalid_timestamp'
            when order_keys.order_id is null then 'orphan_key'
            when not order_keys.has_clean_order then 'parent_quarantined'
        end as row_defect
    from typed
    left join order_keys
        on
            typed.merchant_id = order_keys.merchant_id
            and typed.order_id = order_keys.order_id

),

ranked as (

    select
        *,
        -- One fulfillment record per order: the latest extract wins.
        row_number() over (
            partition by merchant_id, order_id, row_defect
            order by loaded_at desc, fulfilled_at desc, fulfillment_id asc
        ) as copy_number
    from checked

),

final as (

    select
        fulfillment_id,
        merchant_id,
        order_id,
        fulfillment_status,
        created_at,
        fulfilled_at,
        carrier,
        issue_type,
        issue_reported_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
