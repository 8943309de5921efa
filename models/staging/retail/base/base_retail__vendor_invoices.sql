-- Every raw vendor_invoices line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'vendor_invoices') }}
