-- Ops Metrics 5.2-5.3 and Operator Performance O.1-O.2 per merchant and day, from its first
-- operator's hire to as_of: the operator rows of fct_operator_sla_daily and
-- fct_operator_rankings_daily rolled up to the merchant.
with

operator_sla as (

    select * from {{ ref('fct_operator_sla_daily') }}

),

rankings as (

    select * from {{ ref('fct_operator_rankings_daily') }}

),

sla_by_day as (

    select
        merchant_id,
        date_day,
        count(*) as operator_count,
        sum(sla_breaches_detected_7d) as sla_breaches_detected_7d,
        sum(sla_breaches_resolved_7d) as sla_breaches_resolved_7d,
        -- Exact median across the operators that have a 7-day median (NULLs are ignored).
        percentile_cont(0.5) within group (order by median_response_minutes_7d) as median_operator_response_minutes_7d
    from operator_sla
    group by merchant_id, date_day

),

rankings_by_day as (

    select
        merchant_id,
        date_day,
        -- With nobody ranked (no SLA breaches yet) there is no count to report: NULL, not 0.
        case
            when count(efficiency_score) > 0
                then sum(case when performance_tier = 'TOP_PERFORMER' then 1 else 0 end)
        end as top_performer_count,
        sum(case when performance_tier = 'UNRANKED' then 1 else 0 end) as unranked_operator_count,
        avg(efficiency_score) as avg_efficiency_score
    from rankings
    group by merchant_id, date_day

),

final as (

    select
        sla_by_day.merchant_id,
        sla_by_day.date_day,
        sla_by_day.operator_count,
        sla_by_day.sla_breaches_detected_7d,
        sla_by_day.sla_breaches_resolved_7d,
        sla_by_day.median_operator_response_minutes_7d,
        rankings_by_day.top_performer_count,
        rankings_by_day.unranked_operator_count,
        rankings_by_day.avg_efficiency_score,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(sla_by_day.sla_breaches_resolved_7d * 100.0 as {{ dbt.type_float() }}) / nullif(sla_by_day.sla_breaches_detected_7d, 0) as resolution_rate_7d_pct
    from sla_by_day
    inner join rankings_by_day
        on
            sla_by_day.merchant_id = rankings_by_day.merchant_id
            and sla_by_day.date_day = rankings_by_day.date_day

)

select * from final
