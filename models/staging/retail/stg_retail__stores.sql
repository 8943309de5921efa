-- Clean stores of known merchants.
{{ staged_rows('retail', 'stores', parents=[
    {'model': 'stg_retail__merchants', 'columns': ['merchant_id']},
]) }}
