-- Clean orders of clean customers, statuses normalised and dated. An order needs its order date
-- (the contract quarantines it otherwise); a required or shipped date that does not parse, or
-- falls before the order date, only keeps the order out of the on-time delivery KPI: it
-- becomes NULL here and is flagged (is_required_date_invalid, is_shipped_date_invalid).
with

orders as (

    {{ staged_rows('classicmodels', 'orders', parents=[
        {'model': 'stg_classicmodels__customers', 'columns': ['customer_id']},
    ]) }}

),

parsed as (

    select
        *,
        {{ dbt.safe_cast('required_date_text', 'date') }} as required_date_parsed,
        {{ dbt.safe_cast('shipped_date_text', 'date') }} as shipped_date_parsed
    from orders

),

dated as (

    select
        *,
        required_date_text is not null
        and (required_date_parsed is null or required_date_parsed < order_date) as is_required_date_invalid,
        shipped_date_text is not null
        and (shipped_date_parsed is null or shipped_date_parsed < order_date) as is_shipped_date_invalid
    from parsed

),

final as (

    select
        order_id,
        order_date,
        required_date_text,
        shipped_date_text,
        order_comments,
        customer_id,
        is_required_date_invalid,
        is_shipped_date_invalid,
        -- 'In Process', ' on hold ' and 'ON_HOLD' are one status each: in_process, on_hold.
        replace(order_status, ' ', '_') as order_status,
        case when not is_required_date_invalid then required_date_parsed end as required_date,
        case when not is_shipped_date_invalid then shipped_date_parsed end as shipped_date
    from dated

)

select * from final
