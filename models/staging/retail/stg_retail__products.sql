-- Clean products of known vendors.
{{ staged_rows('retail', 'products', parents=[
    {'model': 'stg_retail__vendors', 'columns': ['merchant_id', 'vendor_id']},
]) }}
