{{ config(enabled=source_system_enabled('retail')) }}
-- Retail receipt-sequence breaks (spec 001: a missing or out-of-order receipt event makes a
-- wrong KPI) in the issue-log shape. The affected store-days are already kept out of every
-- retail KPI (int_retail_store_days_certified); here they are counted as CRITICAL issues.
with

sequence_issues as (

    select * from {{ ref('int_retail_receipt_sequence_issues') }}

),

final as (

    select
        'retail' as source_system,
        'pos_receipts' as source_table,
        issue_type as check_name,
        merchant_id as entity_id,
        issue_id as record_key,
        business_date_from as affected_from_date,
        business_date_to as affected_to_date
    from sequence_issues

)

select * from final
