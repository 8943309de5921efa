-- Anonymised peer benchmarks (spec 001 Premium: "you're 3 points below comparable merchants in
-- your category"): per KPI, grain, period and benchmarked entity, the distribution of its peers'
-- values (the other entities of its profile, int_entity_profiles_assigned, with a value in the
-- same period): peer count, quartiles, the entity's percentile rank among them and its gap to
-- their median in the KPI's unit. No peer id or value leaves this model, the entity is never its
-- own peer, and with fewer than var kpi_benchmark_min_peers peers the figures are suppressed.
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

profiles as (

    select * from {{ ref('int_entity_profiles_assigned') }}

),

profiled_values as (

    select
        kpi_values.kpi_id,
        kpi_values.grain,
        kpi_values.period_start,
        kpi_values.period_end,
        kpi_values.entity_type,
        kpi_values.entity_id,
        kpi_values.value,
        kpi_values.unit,
        profiles.profile
    from kpi_values
    inner join profiles
        on
            kpi_values.entity_type = profiles.entity_type
            and kpi_values.entity_id = profiles.entity_id
    where kpi_values.value is not null

),

peer_values as (

    select
        own.kpi_id,
        own.grain,
        own.period_start,
        own.period_end,
        own.profile,
        own.entity_type,
        own.entity_id,
        own.unit,
        own.value as own_value,
        peer.value as peer_value
    from profiled_values as own
    left join profiled_values as peer
        on
            own.kpi_id = peer.kpi_id
            and own.grain = peer.grain
            and own.period_start = peer.period_start
            and own.profile = peer.profile
            and own.entity_id <> peer.entity_id

),

distributions as (

    select
        kpi_id,
        grain,
        period_start,
        period_end,
        profile,
        entity_type,
        entity_id,
        unit,
        own_value,
        count(peer_value) as peer_count,
        percentile_cont(0.25) within group (order by peer_value) as p25,
        percentile_cont(0.5) within group (order by peer_value) as p50,
        percentile_cont(0.75) within group (order by peer_value) as p75,
        -- Peers below, plus half the ties: the usual mid-rank percentile (a double everywhere;
        -- PostgreSQL would keep the decimal).
        cast(100.0 * (
            sum(case when peer_value < own_value then 1 else 0 end)
            + 0.5 * sum(case when peer_value = own_value then 1 else 0 end)
        ) / nullif(count(peer_value), 0) as {{ dbt.type_float() }}) as percentile_rank
    from peer_values
    group by kpi_id, grain, period_start, period_end, profile, entity_type, entity_id, unit, own_value

),

final as (

    select
        kpi_id,
        grain,
        period_start,
        period_end,
        profile,
        entity_type,
        entity_id,
        peer_count,
        unit,
        peer_count < {{ var('kpi_benchmark_min_peers') }} as is_suppressed,
        case when peer_count >= {{ var('kpi_benchmark_min_peers') }} then p25 end as p25,
        case when peer_count >= {{ var('kpi_benchmark_min_peers') }} then p50 end as p50,
        case when peer_count >= {{ var('kpi_benchmark_min_peers') }} then p75 end as p75,
        case when peer_count >= {{ var('kpi_benchmark_min_peers') }} then percentile_rank end as percentile_rank,
        case when peer_count >= {{ var('kpi_benchmark_min_peers') }} then own_value - p50 end as gap_to_median
    from distributions

)

select * from final
