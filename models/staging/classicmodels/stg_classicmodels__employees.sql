-- Clean employees of clean offices.
{{ staged_rows('classicmodels', 'employees', parents=[
    {'model': 'stg_classicmodels__offices', 'columns': ['office_id']},
]) }}
