-- Clean employee rows: the rows of base_classicmodels__employees that passed every check.
with

employees as (

    select * from {{ ref('base_classicmodels__employees') }}

),

final as (

    select
        employee_id,
        last_name,
        first_name,
        phone_extension,
        email,
        office_id,
        reports_to_employee_id,
        job_title
    from employees
    where quarantine_reason is null

)

select * from final
