-- Clean reorder policies of known merchants and clean storefront SKUs.
{{ staged_rows('inventory', 'reorder_policies', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
    {'model': 'stg_storefront__products', 'columns': ['merchant_id', 'sku']},
]) }}
