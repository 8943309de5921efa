-- Clean office rows: the rows of base_classicmodels__offices that passed every check.
with

offices as (

    select * from {{ ref('base_classicmodels__offices') }}

),

final as (

    select
        office_id,
        city,
        phone,
        address_line_1,
        address_line_2,
        state,
        country,
        postal_code,
        territory
    from offices
    where quarantine_reason is null

)

select * from final
