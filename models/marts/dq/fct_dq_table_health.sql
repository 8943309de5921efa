-- The spec's v_data_freshness_monitoring and v_data_completeness_metrics: per raw table, how
-- fresh (Q.1), how complete (Q.2) and how much of it staging excluded (spec 002), as of as_of.
with

profiles as (

    select * from {{ ref('int_dq_table_profiles') }}

),

catalog as (

    select * from {{ ref('kpi_catalog__spec_000') }}

),

overrides as (

    select * from {{ ref('kpi_threshold_overrides') }}

),

-- Late and stale bounds are those of KPI dq.freshness (spec 000 Q.1: 24 h and 48 h), unless a
-- table has its own in the override seed (a weekly feed is not stale after two days). Its
-- target follows: "updated within its own cadence", the override's target_value if it gives
-- one, else its late-after bound, so a weekly table is not shown against the daily 24 h.
freshness_bounds as (

    select
        {{ dbt.concat(['profiles.source_system', "'.'", 'profiles.source_table']) }} as table_id,
        coalesce(overrides.target_value, overrides.yellow_above, catalog.target_value) as freshness_target_hours,
        coalesce(overrides.yellow_above, catalog.yellow_above) as late_after_hours,
        coalesce(overrides.red_above, catalog.red_above) as stale_after_hours,
        overrides.kpi_id is not null as has_own_freshness_bounds
    from profiles
    inner join catalog
        on catalog.kpi_id = 'dq.freshness'
    left join overrides
        on
            overrides.kpi_id = 'dq.freshness'
            and overrides.entity_type = 'table'
            and {{ dbt.concat(['profiles.source_system', "'.'", 'profiles.source_table']) }} = overrides.entity_id

),

-- Freshness is measured at the end of the as_of day, not the build's clock, so the same data
-- and as_of give the same answer; a load after that moment is 0 hours old.
measured as (

    select
        profiles.*,
        freshness_bounds.freshness_target_hours,
        freshness_bounds.late_after_hours,
        freshness_bounds.stale_after_hours,
        freshness_bounds.has_own_freshness_bounds,
        cast({{ dbt.dateadd('day', 1, as_of_date()) }} as {{ dbt.type_timestamp() }}) as freshness_reference_at
    from profiles
    inner join freshness_bounds
        on {{ dbt.concat(['profiles.source_system', "'.'", 'profiles.source_table']) }} = freshness_bounds.table_id

),

final as (

    select
        source_system,
        source_table,
        raw_row_count,
        clean_row_count,
        quarantined_row_count,
        raw_row_count = clean_row_count + quarantined_row_count as is_row_count_conserved,
        -- Doubles, as DuckDB divides decimals (Spark would keep six decimals).
        case
            when raw_row_count > 0 then cast(quarantined_row_count * 100.0 as {{ dbt.type_float() }}) / raw_row_count
        end as excluded_row_pct,
        max_loaded_at,
        is_freshness_tracked,
        freshness_reference_at,
        case
            when not is_freshness_tracked then null
            when max_loaded_at >= freshness_reference_at then 0
            else cast({{ dbt.datediff('max_loaded_at', 'freshness_reference_at', 'minute') }} as {{ dbt.type_float() }}) / 60.0
        end as hours_since_load,
        case
            when not is_freshness_tracked then 'not_tracked'
            when max_loaded_at is null then 'no_data'
            when {{ dbt.datediff('max_loaded_at', 'freshness_reference_at', 'minute') }} > stale_after_hours * 60 then 'stale'
            when {{ dbt.datediff('max_loaded_at', 'freshness_reference_at', 'minute') }} > late_after_hours * 60 then 'late'
            else 'fresh'
        end as freshness_status,
        freshness_target_hours,
        late_after_hours,
        stale_after_hours,
        has_own_freshness_bounds,
        required_cell_count,
        filled_cell_count,
        case
            when required_cell_count > 0 then cast(filled_cell_count * 100.0 as {{ dbt.type_float() }}) / required_cell_count
        end as completeness_pct,
        file_path,
        file_status,
        missing_required_columns,
        missing_optional_columns,
        extra_columns
    from measured

)

select * from final
