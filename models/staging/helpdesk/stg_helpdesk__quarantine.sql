-- Every helpdesk raw row that staging kept out of the clean models, with the reason why.
with

quarantined as (

    {{ quarantined_rows('helpdesk', 'conversations', 'base_helpdesk__conversations', 'conversation_id') }}

),

final as (

    select
        *,
        -- Surrogate key: quarantined rows may repeat a record key or have none at all.
        row_number() over (
            partition by source_system, source_table
            order by record_key, quarantine_reason, loaded_at
        ) as quarantine_row_number
    from quarantined

)

select * from final
