-- Every raw warehouse_receipt_lines line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'warehouse_receipt_lines') }}
