{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Opportunities view: product pairs worth bundling (lift above 10, the spec's bar).
with

pairs as (

    select * from {{ ref('fct_classicmodels_product_pairs') }}

),

final as (

    select
        lift_rank,
        product_a_name,
        product_b_name,
        pair_order_count,
        pair_support,
        confidence_a_to_b,
        confidence_b_to_a,
        lift
    from pairs
    where lift > 10

)

select * from final
order by lift_rank
