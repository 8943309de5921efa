-- Clean lines of clean purchase orders and known products.
{{ staged_rows('retail', 'purchase_order_lines', parents=[
    {'model': 'stg_retail__purchase_orders', 'columns': ['merchant_id', 'po_id']},
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
