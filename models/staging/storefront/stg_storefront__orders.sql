-- Clean orders of known merchants (an unknown customer is kept and flagged: int_orders_classified).
{{ staged_rows('storefront', 'orders', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
