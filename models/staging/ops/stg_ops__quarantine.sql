-- Every ops raw row that staging kept out of the clean models, with the reason why.
with

quarantined as (

    {{ quarantined_rows('ops', 'operators', 'base_ops__operators', 'operator_id') }}
    union all
    {{ quarantined_rows('ops', 'shop_activations', 'base_ops__shop_activations', dbt.safe_cast('activity_date', dbt.type_string())) }}
    union all
    {{ quarantined_rows('ops', 'sla_events', 'base_ops__sla_events', 'sla_event_id') }}
    union all
    {{ quarantined_rows('ops', 'time_saved', 'base_ops__time_saved', 'time_saved_id') }}

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
