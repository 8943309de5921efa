-- Every raw shelf_audits line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'shelf_audits') }}
