-- Clean vendors of known merchants.
{{ staged_rows('retail', 'vendors', parents=[
    {'model': 'stg_retail__merchants', 'columns': ['merchant_id']},
]) }}
