-- Every raw customer row, typed and trimmed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'customers') }}

),

employee_keys as (

    -- A customer's sales rep, when it has one, must be a known employee with a clean copy.
    {{ clean_parent_keys('base_classicmodels__employees', ['employee_id'], 'has_clean_employee') }}

),

typed as (

    select
        {{ dbt.safe_cast(clean_text('customerNumber'), dbt.type_int()) }} as customer_id,
        {{ clean_text('customerName') }} as customer_name,
        {{ clean_text('contactLastName') }} as contact_last_name,
        {{ clean_text('contactFirstName') }} as contact_first_name,
        {{ clean_text('phone') }} as phone,
        {{ clean_text('addressLine1') }} as address_line_1,
        {{ clean_text('addressLine2') }} as address_line_2,
        {{ clean_text('city') }} as city,
        {{ clean_text('state') }} as state,
        {{ clean_text('postalCode') }} as postal_code,
        {{ clean_text('country') }} as country,
        {{ clean_text('salesRepEmployeeNumber') }} as sales_rep_raw,
        {{ dbt.safe_cast(clean_text('salesRepEmployeeNumber'), dbt.type_int()) }} as sales_rep_employee_id,
        {{ clean_text('creditLimit') }} as credit_limit_raw,
        {{ dbt.safe_cast(clean_text('creditLimit'), dbt.type_numeric()) }} as credit_limit
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.customer_id is null then 'null_key'
            when typed.country is null then 'invalid_enum'
            when typed.sales_rep_raw is not null and typed.sales_rep_employee_id is null
                then 'invalid_number'
            when typed.credit_limit_raw is not null and typed.credit_limit is null
                then 'invalid_number'
            when typed.credit_limit < 0 then 'invalid_number'
            when typed.sales_rep_employee_id is not null and employee_keys.employee_id is null
                then 'orphan_key'
            when not employee_keys.has_clean_employee then 'parent_quarantined'
        end as row_defect
    from typed
    left join employee_keys
        on typed.sales_rep_employee_id = employee_keys.employee_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by customer_id, row_defect
            order by customer_name, country
        ) as copy_number
    from checked

),

final as (

    select
        customer_id,
        customer_name,
        contact_last_name,
        contact_first_name,
        phone,
        address_line_1,
        address_line_2,
        city,
        state,
        postal_code,
        country,
        sales_rep_employee_id,
        credit_limit,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
