-- Clean EDI transactions of known vendors.
{{ staged_rows('retail', 'edi_transactions', parents=[
    {'model': 'stg_retail__vendors', 'columns': ['merchant_id', 'vendor_id']},
]) }}
