-- Every inventory raw row that staging kept out of the clean models, with the reason why.
with

quarantined as (

    {{ quarantined_rows('inventory', 'inventory_snapshots', 'base_inventory__inventory_snapshots', dbt.concat(['sku', "'@'", dbt.safe_cast('snapshot_date', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('inventory', 'reorder_policies', 'base_inventory__reorder_policies', 'sku') }}

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
