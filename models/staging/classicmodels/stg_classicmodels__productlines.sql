-- Clean product lines: the rows of base_classicmodels__productlines that passed every check.
{{ staged_rows('classicmodels', 'productlines') }}
