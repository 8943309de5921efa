-- The one-row "today" of the Classic Models report: var classicmodels_as_of, else the last order
-- date (see macro classicmodels_as_of_date). Every classicmodels mart reads its date from here.
with

resolved as (

    select {{ classicmodels_as_of_date() }} as as_of_date

),

final as (

    select
        as_of_date,
        cast({{ dbt.date_trunc('year', 'as_of_date') }} as date) as as_of_year_start
    from resolved

)

select * from final
