-- Every raw hotels line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('hotel', 'hotels') }}
