-- The retail integrity log for the data-quality layer: every break in a register's receipt
-- sequence (CRITICAL), with the store-days it put out of the KPIs. One row per issue; the
-- columns source_system, issue_id, issue_type, severity and merchant_id are the shape the
-- data-quality issue list unions across systems.
with

issues as (

    select * from {{ ref('int_retail_receipt_sequence_issues') }}
    where business_date_from <= {{ as_of_date() }}

),

store_days as (

    select * from {{ ref('int_retail_store_days_certified') }}

),

affected as (

    select
        issues.issue_id,
        count(store_days.business_date) as excluded_store_days
    from issues
    left join store_days
        on
            issues.merchant_id = store_days.merchant_id
            and issues.store_id = store_days.store_id
            and store_days.business_date between issues.business_date_from and issues.business_date_to
    group by issues.issue_id

),

final as (

    select
        issues.issue_id,
        'retail' as source_system,
        'pos_receipts' as source_table,
        issues.merchant_id,
        issues.store_id,
        issues.register_id,
        issues.issue_type,
        issues.severity,
        issues.sequence_from,
        issues.sequence_to,
        issues.missing_event_count,
        issues.detected_at_receipt_id,
        issues.business_date_from,
        issues.business_date_to,
        affected.excluded_store_days,
        {{ dbt.concat([
            "'Store '", 'issues.store_id', "' register '", 'issues.register_id', "': '", 'issues.issue_type',
            "' at sequence '", dbt.safe_cast('issues.sequence_from', dbt.type_string()), "'-'",
            dbt.safe_cast('issues.sequence_to', dbt.type_string()),
            "'; store-days excluded from KPIs: '", dbt.safe_cast('issues.business_date_from', dbt.type_string()),
            "' to '", dbt.safe_cast('issues.business_date_to', dbt.type_string())
        ]) }} as issue_description
    from issues
    inner join affected
        on issues.issue_id = affected.issue_id

)

select * from final
