-- Every storefront raw row that staging kept out of the clean models, with the reason why.
with

quarantined as (

    {{ quarantined_rows('storefront', 'merchants', 'base_storefront__merchants', 'merchant_id') }}
    union all
    {{ quarantined_rows('storefront', 'products', 'base_storefront__products', 'sku') }}
    union all
    {{ quarantined_rows('storefront', 'customers', 'base_storefront__customers', 'customer_id') }}
    union all
    {{ quarantined_rows('storefront', 'orders', 'base_storefront__orders', 'order_id') }}
    union all
    {{ quarantined_rows('storefront', 'order_lines', 'base_storefront__order_lines', 'order_line_id') }}

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
