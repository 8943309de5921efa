{{ config(unique_key=['kpi_id', 'entity_type', 'entity_id', 'grain', 'period_start', 'known_from'], partition_by=['known_from'] if target.type == 'spark' else none) }}
-- What every KPI's value and status were as known at each build (spec 001: KPI history for
-- investor and period-end reporting; issue 13: "as known on date D" versus "as restated
-- today"): each build appends the kpi_values rows that are new or whose value or status changed
-- since the last row kept for them, stamped known_from = its as_of day. The rows of a key as
-- known on day D are its latest with known_from <= D. Kept by a full refresh (dbt_project.yml).
-- A value counts as changed beyond 1e-9 relative: a restatement, not a last-bit difference. A
-- second build of the same day replaces that day's rows: they are compared with what was known
-- before that day, so each build yields its day whole (by key, or the day's partition on Spark).
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

{% if is_incremental() %}

known as (

    select *
    from (
        select
            *,
            row_number() over (
                partition by kpi_id, entity_type, entity_id, grain, period_start order by known_from desc
            ) as recency_rank
        from {{ this }}
        where known_from < {{ as_of_date() }}
    ) as ranked
    where recency_rank = 1

),

{% endif %}

final as (

    select
        kpi_values.kpi_id,
        kpi_values.entity_type,
        kpi_values.entity_id,
        kpi_values.grain,
        kpi_values.period_start,
        kpi_values.period_end,
        kpi_values.value,
        kpi_values.sample_size,
        kpi_values.status,
        kpi_values.status_reason,
        kpi_values.as_of_date as known_from
    from kpi_values
    {% if is_incremental() %}
        left join known
            on
                kpi_values.kpi_id = known.kpi_id
                and kpi_values.entity_type = known.entity_type
                and kpi_values.entity_id = known.entity_id
                and kpi_values.grain = known.grain
                and kpi_values.period_start = known.period_start
        where
            known.kpi_id is null
            or kpi_values.status <> known.status
            or (kpi_values.value is null) <> (known.value is null)
            or abs(kpi_values.value - known.value) > 1e-9 * greatest(abs(known.value), 1)
    {% endif %}

)

select * from final
