-- Every raw shop_activations line, typed and checked against its contract (macros/staging/base_model.sql).
{{ base_model('ops', 'shop_activations') }}
