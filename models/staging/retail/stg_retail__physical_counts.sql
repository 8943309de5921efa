-- Clean physical_counts: the rows of base_retail__physical_counts that passed every check (the rest are quarantined).
with

physical_counts as (

    select * from {{ ref('base_retail__physical_counts') }}

),

final as (

    select
        merchant_id,
        count_id,
        store_id,
        sku,
        counted_date,
        book_units,
        counted_units,
        loaded_at
    from physical_counts
    where quarantine_reason is null

)

select * from final
