-- Clean merchants: the rows of base_storefront__merchants that passed every check.
{{ staged_rows('storefront', 'merchants') }}
