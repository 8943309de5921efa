-- Clean lines of clean ASNs and known products.
{{ staged_rows('retail', 'asn_lines', parents=[
    {'model': 'stg_retail__asns', 'columns': ['merchant_id', 'asn_id']},
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
