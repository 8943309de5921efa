-- Every raw office row, typed, with the reason it cannot be used (null when it can).
with

source as (

    select * from {{ source('classicmodels', 'offices') }}

),

typed as (

    select
        {{ clean_text('officeCode') }} as office_id,
        {{ clean_text('city') }} as city,
        {{ clean_text('phone') }} as phone,
        {{ clean_text('addressLine1') }} as address_line_1,
        {{ clean_text('addressLine2') }} as address_line_2,
        {{ clean_text('state') }} as state,
        {{ clean_text('country') }} as country,
        {{ clean_text('postalCode') }} as postal_code,
        upper({{ clean_text('territory') }}) as territory
    from source

),

checked as (

    select
        *,
        case
            when office_id is null then 'null_key'
            when country is null then 'invalid_enum'
        end as row_defect,
        row_number() over (partition by office_id order by city, country) as copy_number
    from typed

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
        territory,
        case
            when row_defect is not null then row_defect
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason
    from checked

)

select * from final
