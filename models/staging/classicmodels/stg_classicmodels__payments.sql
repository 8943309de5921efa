-- Clean payments of clean customers.
{{ staged_rows('classicmodels', 'payments', parents=[
    {'model': 'stg_classicmodels__customers', 'columns': ['customer_id']},
]) }}
