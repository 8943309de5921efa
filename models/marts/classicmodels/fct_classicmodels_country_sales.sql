-- Analytical layer, one row per customer country: revenue share, rank, NTILE(4) revenue
-- quartile (1 = top) and whether a sales office sits in the country (territory coverage).
with

customers as (

    select * from {{ ref('int_classicmodels_customers_aggregated') }}

),

offices as (

    select * from {{ ref('stg_classicmodels__offices') }}

),

office_countries as (

    select distinct country
    from offices

),

countries as (

    select
        country,
        region,
        count(*) as customer_count,
        sum(case when order_count > 0 then 1 else 0 end) as active_customer_count,
        sum(revenue) as revenue
    from customers
    group by country, region

),

final as (

    select
        countries.country,
        countries.region,
        countries.customer_count,
        countries.active_customer_count,
        countries.revenue,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(100.0 * countries.revenue as {{ dbt.type_float() }}) / nullif(sum(countries.revenue) over (), 0) as revenue_share_pct,
        row_number() over (order by countries.revenue desc, countries.country asc) as revenue_rank,
        ntile(4) over (order by countries.revenue desc, countries.country asc) as revenue_quartile,
        office_countries.country is not null as has_office
    from countries
    left join office_countries
        on countries.country = office_countries.country

)

select * from final
