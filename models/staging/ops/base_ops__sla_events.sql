-- Every raw operator SLA event row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('ops', 'sla_events') }}

),

operator_keys as (

    -- An event is only as usable as its operator: known, with a clean record.
    {{ clean_parent_keys('base_ops__operators', ['merchant_id', 'operator_id'], 'has_clean_operator') }}

),

typed as (

    select
        trim(sla_event_id) as sla_event_id,
        trim(merchant_id) as merchant_id,
        trim(operator_id) as operator_id,
        {{ dbt.safe_cast('detected_at', dbt.type_timestamp()) }} as detected_at,
        responded_at as responded_at_raw,
        {{ dbt.safe_cast('responded_at', dbt.type_timestamp()) }} as responded_at,
        resolved_at as resolved_at_raw,
        {{ dbt.safe_cast('resolved_at', dbt.type_timestamp()) }} as resolved_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.sla_event_id is null or typed.merchant_id is null or typed.operator_id is null then 'null_key'
            when typed.detected_at is null then 'invalid_timestamp'
            when typed.responded_at_raw is not null and typed.responded_at is null then 'invalid_timestamp'
            when typed.resolved_at_raw is not null and typed.resolved_at is null then 'invalid_timestamp'
            when typed.responded_at < typed.detected_at or typed.resolved_at < typed.detected_at then 'invalid_timestamp'
            when operator_keys.operator_id is null then 'orphan_key'
            when not operator_keys.has_clean_operator then 'parent_quarantined'
        end as row_defect
    from typed
    left join operator_keys
        on
            typed.merchant_id = operator_keys.merchant_id
            and typed.operator_id = operator_keys.operator_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, sla_event_id, row_defect
            order by loaded_at desc, resolved_at desc, responded_at desc
        ) as copy_number
    from checked

),

final as (

    select
        sla_event_id,
        merchant_id,
        operator_id,
        detected_at,
        responded_at,
        resolved_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
