-- Every store-day with receipts or a sales audit, and whether its receipts may feed the KPIs:
-- only store-days whose sales audit is closed ('audited') and whose registers' sequences are
-- unbroken are KPI-eligible (spec 001: KPIs run on the audited, sequenced receipt record).
with

receipts as (

    select * from {{ ref('int_retail_pos_receipts_sequenced') }}

),

audits as (

    select * from {{ ref('stg_retail__sales_audits') }}

),

issues as (

    select * from {{ ref('int_retail_receipt_sequence_issues') }}

),

receipt_days as (

    select
        merchant_id,
        store_id,
        business_date,
        count(*) as receipt_count
    from receipts
    group by merchant_id, store_id, business_date

),

store_days as (

    select
        merchant_id,
        store_id,
        business_date
    from receipt_days
    union
    select
        merchant_id,
        store_id,
        business_date
    from audits

),

issue_days as (

    -- A break spanning midnight touches both days: the missing events may belong to either.
    select
        store_days.merchant_id,
        store_days.store_id,
        store_days.business_date,
        count(*) as sequence_issue_count
    from store_days
    inner join issues
        on
            store_days.merchant_id = issues.merchant_id
            and store_days.store_id = issues.store_id
            and store_days.business_date between issues.business_date_from and issues.business_date_to
    group by store_days.merchant_id, store_days.store_id, store_days.business_date

),

final as (

    select
        store_days.merchant_id,
        store_days.store_id,
        store_days.business_date,
        coalesce(receipt_days.receipt_count, 0) as receipt_count,
        coalesce(audits.audit_status, 'missing') as audit_status,
        coalesce(issue_days.sequence_issue_count, 0) as sequence_issue_count,
        case
            when issue_days.sequence_issue_count > 0 then 'sequence_issue'
            when audits.audit_status is null then 'audit_missing'
            when audits.audit_status != 'audited' then {{ dbt.concat(["'audit_'", 'audits.audit_status']) }}
        end as exclusion_reason,
        coalesce(issue_days.sequence_issue_count, 0) = 0
        and coalesce(audits.audit_status, 'missing') = 'audited' as is_kpi_eligible
    from store_days
    left join receipt_days
        on
            store_days.merchant_id = receipt_days.merchant_id
            and store_days.store_id = receipt_days.store_id
            and store_days.business_date = receipt_days.business_date
    left join audits
        on
            store_days.merchant_id = audits.merchant_id
            and store_days.store_id = audits.store_id
            and store_days.business_date = audits.business_date
    left join issue_days
        on
            store_days.merchant_id = issue_days.merchant_id
            and store_days.store_id = issue_days.store_id
            and store_days.business_date = issue_days.business_date

)

select * from final
