-- Analytical layer, one row per employee (spec 002 counts all 23 as sales representatives):
-- customers managed, their revenue and the rep's ABC class (employees without customers are C).
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

joined as (

    select
        employees.employee_id,
        employees.job_title,
        employees.office_id,
        offices.city as office_city,
        offices.country as office_country,
        offices.territory,
        employees.first_name || ' ' || employees.last_name as employee_name,
        employees.job_title = 'Sales Rep' as is_sales_rep_title,
        coalesce(portfolios.customer_count, 0) as customer_count,
        coalesce(portfolios.revenue, 0) as revenue
    from employees
    left join offices
        on employees.office_id = offices.office_id
    left join portfolios
        on employees.employee_id = portfolios.employee_id

),

final as (

    select
        *,
        100.0 * revenue / nullif(sum(revenue) over (), 0) as revenue_share_pct,
        row_number() over (order by revenue desc, employee_id asc) as revenue_rank,
        {{ abc_class('revenue', 'employee_id') }} as abc_class
    from joined

)

select * from final
