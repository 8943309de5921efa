-- Clean customers of known merchants.
{{ staged_rows('storefront', 'customers', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
