-- Every raw edi_transactions line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'edi_transactions') }}
