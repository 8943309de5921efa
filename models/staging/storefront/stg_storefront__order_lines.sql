-- Clean order lines of clean orders.
{{ staged_rows('storefront', 'order_lines', parents=[
    {'model': 'stg_storefront__orders', 'columns': ['merchant_id', 'order_id']},
]) }}
