-- Clean sales_audits: the rows of base_retail__sales_audits that passed every check (the rest are quarantined).
with

sales_audits as (

    select * from {{ ref('base_retail__sales_audits') }}

),

final as (

    select
        merchant_id,
        store_id,
        business_date,
        audit_status,
        audited_at,
        loaded_at
    from sales_audits
    where quarantine_reason is null

)

select * from final
