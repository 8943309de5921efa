-- Clean purchase orders of known vendors.
{{ staged_rows('retail', 'purchase_orders', parents=[
    {'model': 'stg_retail__vendors', 'columns': ['merchant_id', 'vendor_id']},
]) }}
