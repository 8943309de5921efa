-- Clean warehouse receipts of clean purchase orders.
{{ staged_rows('retail', 'warehouse_receipts', parents=[
    {'model': 'stg_retail__purchase_orders', 'columns': ['merchant_id', 'po_id']},
]) }}
