-- Clean lines of clean receipts and known products.
{{ staged_rows('retail', 'pos_receipt_lines', parents=[
    {'model': 'stg_retail__pos_receipts', 'columns': ['merchant_id', 'receipt_id']},
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
