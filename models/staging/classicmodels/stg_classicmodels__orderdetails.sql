-- Clean order lines of clean orders and clean products.
{{ staged_rows('classicmodels', 'orderdetails', parents=[
    {'model': 'stg_classicmodels__orders', 'columns': ['order_id']},
    {'model': 'stg_classicmodels__products', 'columns': ['product_id']},
]) }}
