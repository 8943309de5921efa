-- Analytical layer, one row per employee (spec 002 counts all 23 as sales representatives):
-- customers managed, their revenue and the rep's ABC class. ABC ranks the sales reps only, the
-- employees with at least one customer: the President and VPs manage none, and ranked they
-- would fill the C tier. The others have no class, rank or share.
with

employees as (

    select * from {{ ref('stg_classicmodels__employees') }}

),

offices as (

    select * from {{ ref('stg_classicmodels__offices') }}

),

customers as (

    select * from {{ ref('int_classicmodels_customers_aggregated') }}

),

portfolios as (

    select
        sales_rep_employee_id as employee_id,
        count(*) as customer_count,
        sum(revenue) as revenue
    from customers
    where sales_rep_employee_id is not null
    group by sales_rep_employee_id

),

ranked_portfolios as (

    select
        employee_id,
        customer_count,
        revenue,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(100.0 * revenue as {{ dbt.type_float() }}) / nullif(sum(revenue) over (), 0) as revenue_share_pct,
        row_number() over (order by revenue desc, employee_id asc) as revenue_rank,
        {{ abc_class('revenue', 'employee_id') }} as abc_class
    from portfolios

),

final as (

    select
        employees.employee_id,
        employees.job_title,
        employees.office_id,
        offices.city as office_city,
        offices.country as office_country,
        offices.territory,
        ranked_portfolios.revenue_share_pct,
        ranked_portfolios.revenue_rank,
        ranked_portfolios.abc_class,
        employees.first_name || ' ' || employees.last_name as employee_name,
        employees.job_title = 'Sales Rep' as is_sales_rep_title,
        ranked_portfolios.employee_id is not null as has_customers,
        coalesce(ranked_portfolios.customer_count, 0) as customer_count,
        coalesce(ranked_portfolios.revenue, 0) as revenue
    from employees
    left join offices
        on employees.office_id = offices.office_id
    left join ranked_portfolios
        on employees.employee_id = ranked_portfolios.employee_id

)

select * from final
