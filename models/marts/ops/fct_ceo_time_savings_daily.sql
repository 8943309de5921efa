-- The spec's v_ceo_time_savings_30d: per merchant and day from its first automation record to
-- as_of, the minutes automation saved (the counted categories of seed ops_time_saved_categories)
-- and the hours saved over the trailing 7 and 30 days (NULL until the history is that long).
with

time_saved as (

    select * from {{ ref('stg_ops__time_saved') }}

),

categories as (

    select * from {{ ref('ops_time_saved_categories') }}

),

merchant_days as (

    select * from {{ ref('int_merchant_days_spined') }}

),

first_record as (

    select
        merchant_id,
        min(saved_date) as first_saved_date
    from time_saved
    group by merchant_id

),

by_day as (

    select
        time_saved.merchant_id,
        time_saved.saved_date,
        sum(time_saved.minutes_saved) as minutes_saved
    from time_saved
    inner join categories
        on time_saved.category = categories.category
    where categories.is_counted
    group by time_saved.merchant_id, time_saved.saved_date

),

daily as (

    select
        merchant_days.merchant_id,
        merchant_days.date_day,
        -- Once the system reports, a day without records saved nothing: a true zero.
        coalesce(by_day.minutes_saved, 0) as minutes_saved,
        row_number() over (partition by merchant_days.merchant_id order by merchant_days.date_day) as history_day_number
    from merchant_days
    inner join first_record
        on
            merchant_days.merchant_id = first_record.merchant_id
            and merchant_days.date_day >= first_record.first_saved_date
    left join by_day
        on
            merchant_days.merchant_id = by_day.merchant_id
            and merchant_days.date_day = by_day.saved_date

),

rolled as (

    select
        *,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(sum(minutes_saved) over (
            partition by merchant_id order by date_day rows between 6 preceding and current row
        ) as {{ dbt.type_float() }}) / 60.0 as hours_saved_7d_unchecked,
        cast(sum(minutes_saved) over (
            partition by merchant_id order by date_day rows between 29 preceding and current row
        ) as {{ dbt.type_float() }}) / 60.0 as hours_saved_30d_unchecked
    from daily

),

final as (

    select
        merchant_id,
        date_day,
        minutes_saved,
        cast(minutes_saved as {{ dbt.type_float() }}) / 60.0 as hours_saved,
        cast({{ dbt.dateadd('day', -6, 'date_day') }} as date) as window_7d_start,
        case when history_day_number >= 7 then hours_saved_7d_unchecked end as hours_saved_7d,
        case when history_day_number >= 30 then hours_saved_30d_unchecked end as hours_saved_30d
    from rolled

)

select * from final
