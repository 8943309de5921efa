-- Clean vendor invoices of clean purchase orders.
{{ staged_rows('retail', 'vendor_invoices', parents=[
    {'model': 'stg_retail__purchase_orders', 'columns': ['merchant_id', 'po_id']},
]) }}
