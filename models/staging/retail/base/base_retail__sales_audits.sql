-- Every raw sales_audits line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'sales_audits') }}
