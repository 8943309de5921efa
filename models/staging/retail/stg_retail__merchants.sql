-- Clean merchants: the rows of base_retail__merchants that passed every check.
{{ staged_rows('retail', 'merchants') }}
