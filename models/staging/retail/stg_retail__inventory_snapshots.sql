-- Clean inventory snapshots of known stores and products.
{{ staged_rows('retail', 'inventory_snapshots', parents=[
    {'model': 'stg_retail__stores', 'columns': ['merchant_id', 'store_id']},
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
