-- Every raw employee row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'employees') }}

),

office_keys as (

    -- An employee is only as usable as its office: known and with at least one clean copy.
    {{ clean_parent_keys('base_classicmodels__offices', ['office_id'], 'has_clean_office') }}

),

typed as (

    select
        {{ dbt.safe_cast(clean_text('employeeNumber'), dbt.type_int()) }} as employee_id,
        {{ clean_text('lastName') }} as last_name,
        {{ clean_text('firstName') }} as first_name,
        {{ clean_text('extension') }} as phone_extension,
        lower({{ clean_text('email') }}) as email,
        {{ clean_text('officeCode') }} as office_id,
        {{ clean_text('reportsTo') }} as reports_to_raw,
        {{ dbt.safe_cast(clean_text('reportsTo'), dbt.type_int()) }} as reports_to_employee_id,
        {{ clean_text('jobTitle') }} as job_title
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.employee_id is null then 'null_key'
            when typed.reports_to_raw is not null and typed.reports_to_employee_id is null
                then 'invalid_number'
            when office_keys.office_id is null then 'orphan_key'
            when not office_keys.has_clean_office then 'parent_quarantined'
        end as row_defect
    from typed
    left join office_keys
        on typed.office_id = office_keys.office_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by employee_id, row_defect
            order by last_name, first_name
        ) as copy_number
    from checked

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
        job_title,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
