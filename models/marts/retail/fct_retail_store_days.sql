-- The exclusion report: every store-day with its receipts' sales, whether they reached the KPIs
-- and, if not, why (sequence_issue, audit_open, audit_exception, audit_missing). The sales of
-- excluded days are shown here so that nothing is dropped silently.
with

store_days as (

    select * from {{ ref('int_retail_store_days_certified') }}
    where business_date <= {{ as_of_date() }}

),

receipts as (

    select * from {{ ref('int_retail_pos_receipts_sequenced') }}

),

lines as (

    select * from {{ ref('stg_retail__pos_receipt_lines') }}

),

day_sales as (

    select
        receipts.merchant_id,
        receipts.store_id,
        receipts.business_date,
        sum(
            case when receipts.receipt_type = 'return' then -1 else 1 end
            * (lines.retail_amount - lines.markdown_amount)
        ) as net_sales
    from receipts
    inner join lines
        on
            receipts.merchant_id = lines.merchant_id
            and receipts.receipt_id = lines.receipt_id
    group by receipts.merchant_id, receipts.store_id, receipts.business_date

),

final as (

    select
        store_days.merchant_id,
        store_days.store_id,
        store_days.business_date,
        store_days.receipt_count,
        store_days.audit_status,
        store_days.sequence_issue_count,
        store_days.is_kpi_eligible,
        store_days.exclusion_reason,
        coalesce(day_sales.net_sales, 0) as net_sales,
        case when store_days.is_kpi_eligible then 0 else coalesce(day_sales.net_sales, 0) end as excluded_net_sales
    from store_days
    left join day_sales
        on
            store_days.merchant_id = day_sales.merchant_id
            and store_days.store_id = day_sales.store_id
            and store_days.business_date = day_sales.business_date

)

select * from final
