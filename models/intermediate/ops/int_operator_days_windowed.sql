-- One row per operator and day from their hire to as_of, with their SLA events in the trailing
-- 7 days (spec 000 5.2, 5.3) and in the trailing operator_window_days (rankings, O.1-O.2),
-- counted as known at the end of that day (a later response or resolution does not count yet).
-- Days, and their ends, are the merchant's own (its time zone).
with

operators as (

    select * from {{ ref('stg_ops__operators') }}

),

events as (

    select * from {{ ref('stg_ops__sla_events') }}

),

merchant_days as (

    select * from {{ ref('int_merchant_days_spined') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

parameters as (

    {{ merchant_parameters(ref('ops_parameters'), 'merchants', ['operator_window_days']) }}

),

operator_days as (

    select
        operators.merchant_id,
        operators.operator_id,
        merchant_days.date_day,
        -- Midnight ending the day on the merchant's clock, compared with local event times.
        cast({{ dbt.dateadd('day', 1, 'merchant_days.date_day') }} as {{ dbt.type_timestamp() }}) as day_end_at,
        -- The 7-day KPIs need 7 days of events even if the ranking window is shorter.
        case when parameters.operator_window_days > 7 then parameters.operator_window_days else 7 end as lookback_days,
        parameters.operator_window_days
    from operators
    inner join merchant_days
        on operators.merchant_id = merchant_days.merchant_id
    inner join parameters
        on operators.merchant_id = parameters.merchant_id
    inner join merchants
        on operators.merchant_id = merchants.merchant_id
    where merchant_days.date_day >= {{ local_date('operators.hired_at', 'merchants.timezone') }}

),

dated_events as (

    select
        events.*,
        {{ local_date('events.detected_at', 'merchants.timezone') }} as detected_date,
        {{ local_timestamp('events.responded_at', 'merchants.timezone') }} as responded_local_at,
        {{ local_timestamp('events.resolved_at', 'merchants.timezone') }} as resolved_local_at,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast({{ dbt.datediff('events.detected_at', 'events.responded_at', 'second') }} as {{ dbt.type_float() }}) / 60.0 as response_minutes
    from events
    inner join merchants
        on events.merchant_id = merchants.merchant_id

),

windowed as (

    select
        operator_days.merchant_id,
        operator_days.operator_id,
        operator_days.date_day,
        operator_days.operator_window_days,
        dated_events.sla_event_id,
        {{ dbt.datediff('dated_events.detected_date', 'operator_days.date_day', 'day') }} as days_ago,
        dated_events.responded_local_at < operator_days.day_end_at as is_responded,
        dated_events.resolved_local_at < operator_days.day_end_at as is_resolved,
        dated_events.response_minutes
    from operator_days
    left join dated_events
        on
            operator_days.merchant_id = dated_events.merchant_id
            and operator_days.operator_id = dated_events.operator_id
            and operator_days.date_day >= dated_events.detected_date
            and operator_days.lookback_days
            > {{ dbt.datediff('dated_events.detected_date', 'operator_days.date_day', 'day') }}

),

final as (

    select
        merchant_id,
        operator_id,
        date_day,
        operator_window_days,
        count(case when days_ago < 7 then sla_event_id end) as sla_breaches_detected_7d,
        count(case when days_ago < 7 and is_resolved then sla_event_id end) as sla_breaches_resolved_7d,
        count(case when days_ago < 7 and is_responded then sla_event_id end) as sla_breaches_responded_7d,
        percentile_cont(0.5) within group (
            order by case when days_ago < 7 and is_responded then response_minutes end
        ) as median_response_minutes_7d,
        count(case when days_ago < operator_window_days then sla_event_id end) as sla_breaches_detected_window,
        count(case when days_ago < operator_window_days and is_resolved then sla_event_id end) as sla_breaches_resolved_window,
        count(case when days_ago < operator_window_days and is_responded then sla_event_id end) as sla_breaches_responded_window,
        percentile_cont(0.5) within group (
            order by case when days_ago < operator_window_days and is_responded then response_minutes end
        ) as median_response_minutes_window
    from windowed
    group by merchant_id, operator_id, date_day, operator_window_days

)

select * from final
