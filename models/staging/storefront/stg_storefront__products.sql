-- Clean products of known merchants.
{{ staged_rows('storefront', 'products', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
