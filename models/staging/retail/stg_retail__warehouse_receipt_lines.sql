-- Clean lines of clean warehouse receipts and known products.
{{ staged_rows('retail', 'warehouse_receipt_lines', parents=[
    {'model': 'stg_retail__warehouse_receipts', 'columns': ['merchant_id', 'warehouse_receipt_id']},
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
