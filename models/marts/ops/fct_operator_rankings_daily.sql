-- The spec's v_operator_rankings: per operator and day, the efficiency_score over the trailing
-- operator_window_days, the performance_tier it gives and the operator's rank in the merchant.
-- An operator without any SLA breach in the window has nothing to be scored on: UNRANKED, NULL score.
with

operator_days as (

    select * from {{ ref('int_operator_days_windowed') }}

),

merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

parameters as (

    {{ merchant_parameters(ref('ops_parameters'), 'merchants', [
        'efficiency_resolution_weight', 'efficiency_target_response_minutes',
        'top_performer_min_score', 'needs_improvement_below_score']) }}

),

components as (

    select
        operator_days.merchant_id,
        operator_days.operator_id,
        operator_days.date_day,
        operator_days.operator_window_days,
        operator_days.sla_breaches_detected_window,
        operator_days.sla_breaches_resolved_window,
        operator_days.sla_breaches_responded_window,
        operator_days.median_response_minutes_window,
        parameters.efficiency_resolution_weight,
        parameters.top_performer_min_score,
        parameters.needs_improvement_below_score,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        cast(operator_days.sla_breaches_resolved_window * 1.0 as {{ dbt.type_float() }})
        / nullif(operator_days.sla_breaches_detected_window, 0) as resolution_share,
        -- 1 at or under the target response time, target / actual above it, 0 with no response at all.
        case
            when operator_days.sla_breaches_detected_window = 0 then null
            when operator_days.sla_breaches_responded_window = 0 then 0.0
            when operator_days.median_response_minutes_window <= parameters.efficiency_target_response_minutes then 1.0
            else parameters.efficiency_target_response_minutes / operator_days.median_response_minutes_window
        end as speed_share
    from operator_days
    inner join parameters
        on operator_days.merchant_id = parameters.merchant_id

),

scored as (

    select
        *,
        100.0 * (
            efficiency_resolution_weight * resolution_share
            + (1 - efficiency_resolution_weight) * speed_share
        ) as efficiency_score
    from components

),

final as (

    select
        merchant_id,
        operator_id,
        date_day,
        operator_window_days,
        sla_breaches_detected_window,
        sla_breaches_resolved_window,
        sla_breaches_responded_window,
        median_response_minutes_window,
        resolution_share,
        speed_share,
        efficiency_score,
        case
            when efficiency_score is null then 'UNRANKED'
            when efficiency_score >= top_performer_min_score then 'TOP_PERFORMER'
            when efficiency_score < needs_improvement_below_score then 'NEEDS_IMPROVEMENT'
            else 'MEETS_EXPECTATIONS'
        end as performance_tier,
        case
            when efficiency_score is not null
                then rank() over (
                    partition by merchant_id, date_day, efficiency_score is null
                    order by efficiency_score desc
                )
        end as operator_rank
    from scored

)

select * from final
