-- Clean chargebacks of known vendors.
{{ staged_rows('retail', 'chargebacks', parents=[
    {'model': 'stg_retail__vendors', 'columns': ['merchant_id', 'vendor_id']},
]) }}
