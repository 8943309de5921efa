-- Clean inventory snapshots of known merchants and clean storefront SKUs.
{{ staged_rows('inventory', 'inventory_snapshots', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
    {'model': 'stg_storefront__products', 'columns': ['merchant_id', 'sku']},
]) }}
