-- Clean operators: the rows of base_ops__operators that passed every check.
with

operators as (

    select * from {{ ref('base_ops__operators') }}

),

final as (

    select
        merchant_id,
        operator_id,
        operator_name,
        hired_at,
        loaded_at
    from operators
    where quarantine_reason is null

)

select * from final
