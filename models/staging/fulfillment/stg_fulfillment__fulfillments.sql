-- Clean fulfillments of known merchants and clean storefront orders.
{{ staged_rows('fulfillment', 'fulfillments', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
    {'model': 'stg_storefront__orders', 'columns': ['merchant_id', 'order_id']},
]) }}
