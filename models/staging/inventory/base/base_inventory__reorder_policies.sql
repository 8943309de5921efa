-- Every raw reorder_policies line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('inventory', 'reorder_policies') }}
