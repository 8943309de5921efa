-- Clean shop activation counts of known merchants.
{{ staged_rows('ops', 'shop_activations', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
