-- Every raw sla_events line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('ops', 'sla_events') }}
