-- Clean demand forecasts of known products.
{{ staged_rows('retail', 'demand_forecasts', parents=[
    {'model': 'stg_retail__products', 'columns': ['merchant_id', 'sku']},
]) }}
