-- Clean physical counts of known stores and products.
{{ staged_rows('retail', 'physical_counts', parents=[
    {'model': 'stg_retail__stores', 'columns': ['merchant_id', 'store_id']},
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
