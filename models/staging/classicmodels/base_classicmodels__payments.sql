-- Every raw payment row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'payments') }}

),

customer_keys as (

    {{ clean_parent_keys('base_classicmodels__customers', ['customer_id'], 'has_clean_customer') }}

),

typed as (

    select
        {{ dbt.safe_cast(clean_text('customerNumber'), dbt.type_int()) }} as customer_id,
        upper({{ clean_text('checkNumber') }}) as check_number,
        {{ dbt.safe_cast(clean_text('paymentDate'), 'date') }} as payment_date,
        {{ dbt.safe_cast(clean_text('amount'), dbt.type_numeric()) }} as amount
    from source

),

checked as (

    select
        typed.*,
        case
            when typed.customer_id is null or typed.check_number is null then 'null_key'
            when typed.payment_date is null then 'invalid_timestamp'
            when typed.amount is null or typed.amount <= 0 then 'invalid_number'
            when customer_keys.customer_id is null then 'orphan_key'
            when not customer_keys.has_clean_customer then 'parent_quarantined'
        end as row_defect
    from typed
    left join customer_keys
        on typed.customer_id = customer_keys.customer_id

),

ranked as (

    select
        *,
        row_number() over (
            partition by customer_id, check_number, row_defect
            order by payment_date, amount
        ) as copy_number
    from checked

),

final as (

    select
        customer_id,
        check_number,
        payment_date,
        amount,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
