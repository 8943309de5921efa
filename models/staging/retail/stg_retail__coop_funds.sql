-- Clean co-op funds of known vendors.
{{ staged_rows('retail', 'coop_funds', parents=[
    {'model': 'stg_retail__vendors', 'columns': ['merchant_id', 'vendor_id']},
]) }}
