{{ config(enabled=source_system_enabled('classicmodels')) }}
-- Regional view: country revenue shares and NTILE(4) quartiles, with office coverage.
with

countries as (

    select * from {{ ref('fct_classicmodels_country_sales') }}

),

final as (

    select
        revenue_rank,
        country,
        region,
        customer_count,
        revenue,
        revenue_share_pct,
        revenue_quartile,
        has_office
    from countries

)

select * from final
order by revenue_rank
