{{ config(unique_key=['issue_id', 'detected_on'], partition_by=['detected_on'] if target.type == 'spark' else none) }}
-- Which data-quality issues each build detected, stamped with its as_of day: the memory that
-- gives an issue its first and last seen days and tells a resolved issue (no longer detected)
-- from one never seen. Appended by every build and kept by a full refresh (dbt_project.yml);
-- a second build of the same day replaces that day's rows (by key, or the day's partition on Spark).
with

detected as (

    select * from {{ ref('int_dq_issues_detected') }}

),

final as (

    select
        issue_id,
        source_system,
        source_table,
        check_name,
        severity,
        entity_id,
        issue_period,
        rows_affected,
        affected_from_date,
        affected_to_date,
        {{ as_of_date() }} as detected_on
    from detected

)

select * from final
