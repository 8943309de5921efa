-- Clean products of clean product lines.
{{ staged_rows('classicmodels', 'products', parents=[
    {'model': 'stg_classicmodels__productlines', 'columns': ['product_line']},
]) }}
