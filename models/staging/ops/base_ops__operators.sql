-- Every raw operator row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('ops', 'operators') }}

),

typed as (

    select
        trim(operator_id) as operator_id,
        trim(merchant_id) as merchant_id,
        trim(operator_name) as operator_name,
        {{ dbt.safe_cast('hired_at', dbt.type_timestamp()) }} as hired_at,
        {{ dbt.safe_cast('_loaded_at', dbt.type_timestamp()) }} as loaded_at
    from source

),

checked as (

    select
        *,
        case
            when operator_id is null or merchant_id is null then 'null_key'
            when hired_at is null then 'invalid_timestamp'
        end as row_defect
    from typed

),

ranked as (

    select
        *,
        row_number() over (
            partition by merchant_id, operator_id, row_defect
            order by loaded_at desc, hired_at desc, operator_name asc
        ) as copy_number
    from checked

),

final as (

    select
        operator_id,
        merchant_id,
        operator_name,
        hired_at,
        loaded_at,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from ranked

)

select * from final
