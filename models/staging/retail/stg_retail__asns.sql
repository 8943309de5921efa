-- Clean ASNs of clean purchase orders.
{{ staged_rows('retail', 'asns', parents=[
    {'model': 'stg_retail__purchase_orders', 'columns': ['merchant_id', 'po_id']},
]) }}
