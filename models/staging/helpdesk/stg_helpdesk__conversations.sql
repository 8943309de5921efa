-- Clean conversations of known merchants.
{{ staged_rows('helpdesk', 'conversations', parents=[
    {'model': 'stg_storefront__merchants', 'columns': ['merchant_id']},
]) }}
