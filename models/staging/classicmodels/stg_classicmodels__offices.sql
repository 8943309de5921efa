-- Clean offices: the rows of base_classicmodels__offices that passed every check.
{{ staged_rows('classicmodels', 'offices') }}
