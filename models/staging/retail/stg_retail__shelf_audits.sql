-- Clean shelf_audits: the rows of base_retail__shelf_audits that passed every check (the rest are quarantined).
with

shelf_audits as (

    select * from {{ ref('base_retail__shelf_audits') }}

),

final as (

    select
        merchant_id,
        shelf_audit_id,
        store_id,
        sku,
        audited_at,
        is_on_shelf,
        book_units,
        loaded_at
    from shelf_audits
    where quarantine_reason is null

)

select * from final
