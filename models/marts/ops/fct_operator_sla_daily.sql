-- The spec's operator_sla_resolution and v_sla_resolution_7d: per operator and day, the SLA
-- breaches detected in the trailing 7 days, how many were resolved (and responded to) by the
-- end of the day, and the operator's median response time over them.
with

operator_days as (

    select * from {{ ref('int_operator_days_windowed') }}

),

final as (

    select
        merchant_id,
        operator_id,
        date_day,
        sla_breaches_detected_7d,
        sla_breaches_resolved_7d,
        sla_breaches_responded_7d,
        median_response_minutes_7d,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(sla_breaches_resolved_7d * 100.0 as {{ dbt.type_float() }}) / nullif(sla_breaches_detected_7d, 0) as resolution_rate_7d_pct
    from operator_days

)

select * from final
