-- Clean time-saved records of known merchants.
{{ staged_rows('ops', 'time_saved', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
