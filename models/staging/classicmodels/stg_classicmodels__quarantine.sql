-- Every classicmodels raw row that staging kept out of the clean models, with the reason why.
-- Classic Models has no merchants and no load timestamps: both columns are NULL here.
with

quarantined as (

    {{ quarantined_rows('classicmodels', 'offices', 'base_classicmodels__offices', 'office_id', 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'productlines', 'base_classicmodels__productlines', 'product_line', 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'employees', 'base_classicmodels__employees', 'employee_id', 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'customers', 'base_classicmodels__customers', 'customer_id', 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'products', 'base_classicmodels__products', 'product_id', 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'orders', 'base_classicmodels__orders', 'order_id', 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'orderdetails', 'base_classicmodels__orderdetails', "order_id || '-' || product_id", 'null', 'null') }}
    union all
    {{ quarantined_rows('classicmodels', 'payments', 'base_classicmodels__payments', "customer_id || '-' || check_number", 'null', 'null') }}

),

final as (

    select
        *,
        -- Surrogate key: quarantined rows may repeat a record key or have none at all.
        row_number() over (
            partition by source_system, source_table
            order by record_key, quarantine_reason
        ) as quarantine_row_number
    from quarantined

)

select * from final
