-- Clean POS receipts of known stores.
{{ staged_rows('retail', 'pos_receipts', parents=[
    {'model': 'stg_retail__stores', 'columns': ['merchant_id', 'store_id']},
]) }}
