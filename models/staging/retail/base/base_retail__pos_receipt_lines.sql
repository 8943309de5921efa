-- Every raw pos_receipt_lines line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'pos_receipt_lines') }}
