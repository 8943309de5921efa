-- Clean customers whose sales rep, when they have one, is a clean employee.
{{ staged_rows('classicmodels', 'customers', parents=[
    {'model': 'stg_classicmodels__employees', 'columns': ['sales_rep_employee_id'], 'parent_columns': ['employee_id']},
]) }}
