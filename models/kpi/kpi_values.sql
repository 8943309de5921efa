-- The KPI contract read by BI, alerts and tests: one row per KPI, entity, grain and period,
-- with the thresholds applied and the status they give (macro classify_kpi_status). NO_DATA
-- says why in status_reason:
-- - inputs_unavailable: one of the KPI's input tables (seed kpi_inputs) has no clean row at
--   all (its file missing, empty, or every row quarantined): no value, never a 0 computed
--   from nothing;
-- - insufficient_sample: the value rests on fewer observations (sample_size) than the KPI's
--   minimum (catalog min_sample_size, overridable per entity); it is shown, not judged;
-- - no_value: nothing was measured in the period (e.g. no order was due).
with

measures as (

    select * from {{ ref('kpi_measures') }}

),

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

overrides as (

    select * from {{ ref('kpi_threshold_overrides') }}

),

inputs as (

    select * from {{ ref('kpi_inputs') }}

),

table_health as (

    select * from {{ ref('fct_dq_table_health') }}

),

unavailable_scopes as (

    select distinct inputs.kpi_scope
    from inputs
    inner join table_health
        on
            inputs.source_system = table_health.source_system
            and inputs.source_table = table_health.source_table
    where table_health.clean_row_count = 0

),

unavailable_kpis as (

    select distinct catalog.kpi_id
    from catalog
    inner join unavailable_scopes
        on unavailable_scopes.kpi_scope in (catalog.domain, catalog.kpi_id)

),

judged_measures as (

    -- The rows of a KPI without inputs stay, valueless: it reads NO_DATA, it does not vanish.
    select
        measures.kpi_id,
        measures.entity_type,
        measures.entity_id,
        measures.grain,
        measures.period_start,
        measures.period_end,
        measures.target_value,
        measures.red_below,
        measures.yellow_below,
        measures.yellow_above,
        measures.red_above,
        measures.sample_size,
        unavailable_kpis.kpi_id is not null as is_input_unavailable,
        case when unavailable_kpis.kpi_id is null then measures.value end as value  -- noqa: RF04
    from measures
    left join unavailable_kpis
        on measures.kpi_id = unavailable_kpis.kpi_id

),

thresholds as (

    -- An entity's override replaces the row's own bounds (a measure's per-row bands), which
    -- replace the catalog's, column by column; blanks inherit.
    select
        measures.kpi_id,
        measures.entity_type,
        measures.entity_id,
        measures.grain,
        measures.period_start,
        measures.period_end,
        measures.value,
        measures.sample_size,
        measures.is_input_unavailable,
        catalog.unit,
        catalog.direction,
        catalog.target_comparison,
        catalog.yellow_inclusive,
        coalesce(overrides.target_value, measures.target_value, catalog.target_value) as applied_target_value,
        coalesce(overrides.target_min, catalog.target_min) as target_min,
        coalesce(overrides.target_max, catalog.target_max) as target_max,
        coalesce(overrides.red_below, measures.red_below, catalog.red_below) as red_below,
        coalesce(overrides.yellow_below, measures.yellow_below, catalog.yellow_below) as yellow_below,
        coalesce(overrides.yellow_above, measures.yellow_above, catalog.yellow_above) as yellow_above,
        coalesce(overrides.red_above, measures.red_above, catalog.red_above) as red_above,
        coalesce(overrides.min_sample_size, catalog.min_sample_size) as min_sample_size,
        overrides.kpi_id is not null as has_threshold_override
    from judged_measures as measures
    inner join catalog
        on measures.kpi_id = catalog.kpi_id
    left join overrides
        on
            measures.kpi_id = overrides.kpi_id
            and measures.entity_type = overrides.entity_type
            and measures.entity_id = overrides.entity_id

),

sampled as (

    select
        *,
        {{ 'true' if var('kpi_apply_min_samples') | string | lower == 'true' else 'false' }}
        and coalesce(sample_size < min_sample_size, false) as is_sample_insufficient
    from thresholds

),

final as (

    select
        kpi_id,
        entity_type,
        entity_id,
        grain,
        period_start,
        period_end,
        value,
        sample_size,
        min_sample_size,
        unit,
        direction,
        target_comparison,
        applied_target_value as target_value,
        target_min,
        target_max,
        red_below,
        yellow_below,
        yellow_above,
        red_above,
        yellow_inclusive,
        has_threshold_override,
        case
            when is_sample_insufficient and value is not null then 'NO_DATA'
            else {{ classify_kpi_status('value', 'direction', 'red_below', 'yellow_below', 'yellow_above', 'red_above', 'yellow_inclusive') }}
        end as status,
        case
            when is_input_unavailable then 'inputs_unavailable'
            when value is null then 'no_value'
            when is_sample_insufficient then 'insufficient_sample'
        end as status_reason,
        case
            when not is_sample_insufficient
                then {{ kpi_target_met('value', 'target_comparison', 'applied_target_value', 'target_min', 'target_max') }}
        end as is_target_met,
        {{ as_of_date() }} as as_of_date
    from sampled

)

select * from final
