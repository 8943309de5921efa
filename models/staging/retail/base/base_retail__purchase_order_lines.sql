-- Every raw purchase_order_lines line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'purchase_order_lines') }}
