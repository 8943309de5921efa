-- Every raw inventory_snapshots line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('inventory', 'inventory_snapshots') }}
