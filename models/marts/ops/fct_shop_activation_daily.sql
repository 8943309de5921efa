-- The spec's v_activation_rate_7d: per merchant and day from its first activation record to
-- as_of, the day's activation rate and its plain average over the trailing 7 days (spec 000 5.1).
with

activations as (

    select * from {{ ref('stg_ops__shop_activations') }}

),

merchant_days as (

    select * from {{ ref('int_merchant_days_spined') }}

),

first_record as (

    select
        merchant_id,
        min(activity_date) as first_activity_date
    from activations
    group by merchant_id

),

daily as (

    select
        merchant_days.merchant_id,
        merchant_days.date_day,
        activations.shops_live,
        activations.shops_active,
        -- No record, or no shop live: no rate that day (NULL, left out of the 7-day average).
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(activations.shops_active * 100.0 as {{ dbt.type_float() }}) / nullif(activations.shops_live, 0) as activation_rate_pct
    from merchant_days
    inner join first_record
        on
            merchant_days.merchant_id = first_record.merchant_id
            and merchant_days.date_day >= first_record.first_activity_date
    left join activations
        on
            merchant_days.merchant_id = activations.merchant_id
            and merchant_days.date_day = activations.activity_date

),

final as (

    select
        *,
        avg(activation_rate_pct) over (
            partition by merchant_id order by date_day rows between 6 preceding and current row
        ) as activation_rate_7d_pct,
        count(activation_rate_pct) over (
            partition by merchant_id order by date_day rows between 6 preceding and current row
        ) as days_with_rate_7d
    from daily

)

select * from final
