-- The spec's v_data_freshness_monitoring and v_data_completeness_metrics: per raw table, how
-- fresh (Q.1), how complete (Q.2) and how much of it staging excluded (spec 002), as of as_of.
with

profiles as (

    select * from {{ ref('int_dq_table_profiles') }}

),

-- Freshness is measured at the end of the as_of day, not the build's clock, so the same data
-- and as_of give the same answer; a load after that moment is 0 hours old.
measured as (

    select
        *,
        cast({{ dbt.dateadd('day', 1, as_of_date()) }} as {{ dbt.type_timestamp() }}) as freshness_reference_at
    from profiles

),

final as (

    select
        source_system,
        source_table,
        raw_row_count,
        clean_row_count,
        quarantined_row_count,
        raw_row_count = clean_row_count + quarantined_row_count as is_row_count_conserved,
        case
            when raw_row_count > 0 then quarantined_row_count * 100.0 / raw_row_count
        end as excluded_row_pct,
        max_loaded_at,
        is_freshness_tracked,
        freshness_reference_at,
        case
            when not is_freshness_tracked then null
            when max_loaded_at >= freshness_reference_at then 0
            else {{ dbt.datediff('max_loaded_at', 'freshness_reference_at', 'minute') }} / 60.0
        end as hours_since_load,
        case
            when not is_freshness_tracked then 'not_tracked'
            when max_loaded_at is null then 'no_data'
            when {{ dbt.datediff('max_loaded_at', 'freshness_reference_at', 'minute') }} > 48 * 60 then 'stale'
            when {{ dbt.datediff('max_loaded_at', 'freshness_reference_at', 'minute') }} > 24 * 60 then 'late'
            else 'fresh'
        end as freshness_status,
        required_cell_count,
        filled_cell_count,
        case
            when required_cell_count > 0 then filled_cell_count * 100.0 / required_cell_count
        end as completeness_pct
    from measured

)

select * from final
