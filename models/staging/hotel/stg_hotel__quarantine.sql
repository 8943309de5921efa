-- Every hotel raw row that staging kept out of the clean models, with the reason why.
with

quarantined as (

    {{ quarantined_rows('hotel', 'hotels', 'base_hotel__hotels', 'hotel_id', 'hotel_id') }}
    union all
    {{ quarantined_rows('hotel', 'reservation_extracts', 'base_hotel__reservation_extracts', dbt.concat(["reservation_id", "'@'", "cast(as_of_date as " ~ dbt.type_string() ~ ")"]), 'hotel_id') }}

),

final as (

    select
        *,
        -- Surrogate key: quarantined rows may repeat a record key or have none at all.
        row_number() over (
            partition by source_system, source_table
            order by entity_id, record_key, quarantine_reason, loaded_at
        ) as quarantine_row_number
    from quarantined

)

select * from final
