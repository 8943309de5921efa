-- Analytical and diagnostic layers, one row per customer: revenue, ABC class, sales rep and the
-- credit alignment of spec 002 (a credit limit and sales more than 2:1 apart either way).
with

customers as (

    select * from {{ ref('int_classicmodels_customers_aggregated') }}

),

employees as (

    select * from {{ ref('stg_classicmodels__employees') }}

),

classified as (

    select
        *,
        {{ abc_class('revenue', 'customer_id') }} as abc_class,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(100.0 * revenue as {{ dbt.type_float() }}) / nullif(sum(revenue) over (), 0) as revenue_share_pct,
        row_number() over (order by revenue desc, customer_id asc) as revenue_rank
    from customers

),

credit_checked as (

    select
        *,
        cast(revenue as {{ dbt.type_float() }}) / nullif(credit_limit, 0) as credit_utilisation_ratio,
        case
            when revenue > 0 and revenue > 2 * coalesce(credit_limit, 0) then 'under_credited'
            when credit_limit > 0 and credit_limit > 2 * revenue then 'over_credited'
            when coalesce(credit_limit, 0) = 0 then 'no_credit'
            else 'aligned'
        end as credit_alignment
    from classified

),

final as (

    select
        credit_checked.customer_id,
        credit_checked.customer_name,
        credit_checked.country,
        credit_checked.region,
        credit_checked.sales_rep_employee_id,
        credit_checked.has_sales_rep,
        credit_checked.order_count,
        credit_checked.revenue_order_count,
        credit_checked.revenue,
        credit_checked.revenue_share_pct,
        credit_checked.revenue_rank,
        credit_checked.abc_class,
        credit_checked.first_order_date,
        credit_checked.last_order_date,
        credit_checked.credit_limit,
        credit_checked.payments_total,
        credit_checked.outstanding_balance,
        credit_checked.credit_utilisation_ratio,
        credit_checked.credit_alignment,
        employees.first_name || ' ' || employees.last_name as sales_rep_name,
        credit_checked.credit_alignment in ('under_credited', 'over_credited') as is_credit_misaligned,
        -- Money still owed by a customer whose credit is out of line with its sales.
        case
            when credit_checked.credit_alignment in ('under_credited', 'over_credited')
                then credit_checked.outstanding_balance
            else 0
        end as amount_at_risk,
        case
            when credit_checked.credit_alignment = 'over_credited'
                then credit_checked.credit_limit - credit_checked.outstanding_balance
        end as unused_credit
    from credit_checked
    left join employees
        on credit_checked.sales_rep_employee_id = employees.employee_id

)

select * from final
