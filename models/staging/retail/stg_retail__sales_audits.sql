-- Clean sales audits of known stores.
{{ staged_rows('retail', 'sales_audits', parents=[
    {'model': 'stg_retail__stores', 'columns': ['merchant_id', 'store_id']},
]) }}
