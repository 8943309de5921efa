-- Every raw reservation_extracts line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('hotel', 'reservation_extracts') }}
