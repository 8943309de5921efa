-- Clean SLA events of known merchants and clean operators.
{{ staged_rows('ops', 'sla_events', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
    {'model': 'stg_ops__operators', 'columns': ['merchant_id', 'operator_id']},
]) }}
