-- One row per clean order placed up to as_of, with its value, customer geography and delivery
-- outcome. Revenue orders are all but cancelled ones; on-time is judged only on shipped orders
-- whose shipped and required dates are both valid (the rest are counted as exclusions).
with

orders as (

    select * from {{ ref('stg_classicmodels__orders') }}

),

order_lines as (

    select * from {{ ref('stg_classicmodels__orderdetails') }}

),

customers as (

    select * from {{ ref('stg_classicmodels__customers') }}

),

regions as (

    select * from {{ ref('classicmodels_country_regions') }}

),

as_of as (

    select * from {{ ref('int_classicmodels_as_of_resolved') }}

),

order_values as (

    select
        order_id,
        sum(quantity_ordered * price_each) as order_value,
        count(*) as line_count
    from order_lines
    group by order_id

),

in_window as (

    select orders.*
    from orders
    cross join as_of
    where orders.order_date <= as_of.as_of_date

),

final as (

    select
        in_window.order_id,
        in_window.customer_id,
        customers.country,
        coalesce(regions.region, 'Other') as region,
        customers.sales_rep_employee_id,
        in_window.order_date,
        cast({{ dbt.date_trunc('year', 'in_window.order_date') }} as date) as order_year_start,
        cast({{ dbt.date_trunc('quarter', 'in_window.order_date') }} as date) as order_quarter_start,
        cast({{ dbt.date_trunc('month', 'in_window.order_date') }} as date) as order_month_start,
        in_window.required_date,
        in_window.shipped_date,
        in_window.order_status,
        coalesce(order_values.order_value, 0) as order_value,
        coalesce(order_values.line_count, 0) as line_count,
        in_window.order_status != 'cancelled' as is_revenue_order,
        case when in_window.order_status != 'cancelled' then coalesce(order_values.order_value, 0) else 0 end
            as revenue,
        in_window.is_required_date_invalid or in_window.is_shipped_date_invalid as has_invalid_date,
        -- Shipped and judgeable: a valid shipped date and a valid required date.
        in_window.shipped_date is not null and in_window.required_date is not null as is_delivery_judged,
        case
            when in_window.shipped_date is not null and in_window.required_date is not null
                then in_window.shipped_date <= in_window.required_date
        end as is_on_time
    from in_window
    inner join customers
        on in_window.customer_id = customers.customer_id
    left join regions
        on customers.country = regions.country
    left join order_values
        on in_window.order_id = order_values.order_id

)

select * from final
