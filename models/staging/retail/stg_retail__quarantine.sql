-- Every retail raw row that staging kept out of the clean models, with the reason why.
with

quarantined as (

    {{ quarantined_rows('retail', 'merchants', 'base_retail__merchants', 'merchant_id') }}
    union all
    {{ quarantined_rows('retail', 'stores', 'base_retail__stores', 'store_id') }}
    union all
    {{ quarantined_rows('retail', 'vendors', 'base_retail__vendors', 'vendor_id') }}
    union all
    {{ quarantined_rows('retail', 'products', 'base_retail__products', 'sku') }}
    union all
    {{ quarantined_rows('retail', 'pos_receipts', 'base_retail__pos_receipts', 'receipt_id') }}
    union all
    {{ quarantined_rows('retail', 'pos_receipt_lines', 'base_retail__pos_receipt_lines', dbt.concat(['receipt_id', "'|'", dbt.safe_cast('line_number', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('retail', 'sales_audits', 'base_retail__sales_audits', dbt.concat(['store_id', "'|'", dbt.safe_cast('business_date', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('retail', 'purchase_orders', 'base_retail__purchase_orders', 'po_id') }}
    union all
    {{ quarantined_rows('retail', 'purchase_order_lines', 'base_retail__purchase_order_lines', dbt.concat(['po_id', "'|'", dbt.safe_cast('line_number', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('retail', 'asns', 'base_retail__asns', 'asn_id') }}
    union all
    {{ quarantined_rows('retail', 'asn_lines', 'base_retail__asn_lines', dbt.concat(['asn_id', "'|'", dbt.safe_cast('line_number', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('retail', 'warehouse_receipts', 'base_retail__warehouse_receipts', 'warehouse_receipt_id') }}
    union all
    {{ quarantined_rows('retail', 'warehouse_receipt_lines', 'base_retail__warehouse_receipt_lines', dbt.concat(['warehouse_receipt_id', "'|'", dbt.safe_cast('line_number', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('retail', 'vendor_invoices', 'base_retail__vendor_invoices', 'invoice_id') }}
    union all
    {{ quarantined_rows('retail', 'chargebacks', 'base_retail__chargebacks', 'chargeback_id') }}
    union all
    {{ quarantined_rows('retail', 'edi_transactions', 'base_retail__edi_transactions', 'edi_transaction_id') }}
    union all
    {{ quarantined_rows('retail', 'physical_counts', 'base_retail__physical_counts', 'count_id') }}
    union all
    {{ quarantined_rows('retail', 'shelf_audits', 'base_retail__shelf_audits', 'shelf_audit_id') }}
    union all
    {{ quarantined_rows('retail', 'demand_forecasts', 'base_retail__demand_forecasts', dbt.concat(['sku', "'|'", dbt.safe_cast('week_start_date', dbt.type_string())])) }}
    union all
    {{ quarantined_rows('retail', 'coop_funds', 'base_retail__coop_funds', 'coop_fund_id') }}
    union all
    {{ quarantined_rows('retail', 'inventory_adjustments', 'base_retail__inventory_adjustments', 'adjustment_id') }}
    union all
    {{ quarantined_rows('retail', 'inventory_snapshots', 'base_retail__inventory_snapshots', dbt.concat(['store_id', "'|'", 'sku', "'|'", dbt.safe_cast('snapshot_date', dbt.type_string())])) }}

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
