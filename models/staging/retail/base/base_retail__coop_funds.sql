-- Every raw coop_funds line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('retail', 'coop_funds') }}
