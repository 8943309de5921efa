-- Clean operators of known merchants.
{{ staged_rows('ops', 'operators', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
