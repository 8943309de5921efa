-- The spec's sku_performance: each SKU's trailing 30-day revenue and units as of as_of, ranked
-- within its merchant, with its product attributes.
with

rolled as (

    select * from {{ ref('int_sku_revenue_30d_rolled') }}

),

products as (

    select * from {{ ref('stg_storefront__products') }}

),

as_of_day as (

    select * from rolled
    where date_day = {{ as_of_date() }}

),

final as (

    select
        as_of_day.merchant_id,
        as_of_day.sku,
        as_of_day.date_day as as_of_date,
        products.product_title,
        products.product_type,
        as_of_day.revenue_30d,
        as_of_day.units_30d,
        as_of_day.revenue_rank_30d,
        as_of_day.revenue_rank_30d <= 5 as is_top5_sku,
        products.sku is not null as has_product_record
    from as_of_day
    left join products
        on
            as_of_day.merchant_id = products.merchant_id
            and as_of_day.sku = products.sku

)

select * from final
