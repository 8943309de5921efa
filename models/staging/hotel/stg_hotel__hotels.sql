-- Clean hotels: the rows of base_hotel__hotels that passed every check.
{{ staged_rows('hotel', 'hotels') }}
