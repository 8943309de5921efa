-- Predictive layer (market basket), one row per pair of products bought in the same order at
-- least var classicmodels_basket_min_orders times: support, confidence both ways and lift.
with

order_lines as (

    select * from {{ ref('int_classicmodels_order_lines_enriched') }}

),

order_products as (

    select distinct
        order_id,
        product_id,
        product_name
    from order_lines

),

order_total as (

    select count(distinct order_id) as order_count
    from order_products

),

product_orders as (

    select
        product_id,
        count(*) as order_count
    from order_products
    group by product_id

),

pairs as (

    select
        first_product.product_id as product_a_id,
        first_product.product_name as product_a_name,
        second_product.product_id as product_b_id,
        second_product.product_name as product_b_name,
        count(*) as pair_order_count
    from order_products as first_product
    inner join order_products as second_product
        on
            first_product.order_id = second_product.order_id
            and first_product.product_id < second_product.product_id
    group by
        first_product.product_id,
        first_product.product_name,
        second_product.product_id,
        second_product.product_name

),

final as (

    select
        pairs.product_a_id,
        pairs.product_a_name,
        pairs.product_b_id,
        pairs.product_b_name,
        pairs.pair_order_count,
        a_orders.order_count as product_a_order_count,
        b_orders.order_count as product_b_order_count,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(1.0 * pairs.pair_order_count as {{ dbt.type_float() }}) / order_total.order_count as pair_support,
        cast(1.0 * pairs.pair_order_count as {{ dbt.type_float() }}) / a_orders.order_count as confidence_a_to_b,
        cast(1.0 * pairs.pair_order_count as {{ dbt.type_float() }}) / b_orders.order_count as confidence_b_to_a,
        cast(1.0 * pairs.pair_order_count * order_total.order_count as {{ dbt.type_float() }}) / (a_orders.order_count * b_orders.order_count) as lift,
        row_number() over (
            order by
                cast(1.0 * pairs.pair_order_count * order_total.order_count as {{ dbt.type_float() }}) / (a_orders.order_count * b_orders.order_count) desc,
                pairs.pair_order_count desc, pairs.product_a_id asc, pairs.product_b_id asc
        ) as lift_rank
    from pairs
    cross join order_total
    inner join product_orders as a_orders
        on pairs.product_a_id = a_orders.product_id
    inner join product_orders as b_orders
        on pairs.product_b_id = b_orders.product_id
    where pairs.pair_order_count >= {{ var('classicmodels_basket_min_orders') }}

)

select * from final
