-- One row per hotel and nightly extract present up to as_of. An extract exists when it has
-- at least one clean row; a missing day is simply absent (gaps are looked up here).
with

extracts as (

    select * from {{ ref('stg_hotel__reservation_extracts') }}

),

final as (

    select
        hotel_id,
        as_of_date,
        count(*) as reservation_rows
    from extracts
    where as_of_date <= {{ as_of_date() }}
    group by hotel_id, as_of_date

)

select * from final
