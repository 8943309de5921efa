-- The spec's v_data_quality_comprehensive with a lifecycle: one row per data-quality issue
-- ever detected (check, table, entity and issue period), as known on as_of. An issue detected
-- by this build is open, or acknowledged while a row of the seed dq_issue_acknowledgements
-- covers it (until its date passes); one detected before but not now is resolved. First and
-- last seen are the as_of days of the builds that detected it (fct_dq_issue_detections).
with

detected as (

    select * from {{ ref('int_dq_issues_detected') }}

),

detections as (

    -- As known on as_of: a build for an earlier day does not see later nights.
    select * from {{ ref('fct_dq_issue_detections') }}
    where detected_on <= {{ as_of_date() }}

),

acknowledgements as (

    select * from {{ ref('dq_issue_acknowledgements') }}

),

severities as (

    select * from {{ ref('dq_check_severities') }}

),

-- One row per issue ever detected: its last detection, with first and last seen (one pass).
lifetimes as {{ materialized_cte() }} (

    select *
    from (
        select
            *,
            min(detected_on) over (partition by issue_id) as first_seen_on,
            max(detected_on) over (partition by issue_id) as last_seen_on,
            row_number() over (partition by issue_id order by detected_on desc) as recency_rank
        from detections
    ) as ranked_detections
    where recency_rank = 1

),

resolved as (

    select lifetimes.*
    from lifetimes
    left join detected
        on lifetimes.issue_id = detected.issue_id
    where detected.issue_id is null

),

issues as (

    select
        issue_id,
        source_system,
        source_table,
        check_name,
        severity,
        entity_id,
        issue_period,
        rows_affected,
        example_keys,
        detail,
        affected_from_date,
        affected_to_date,
        true as is_detected
    from detected
    union all
    select
        issue_id,
        source_system,
        source_table,
        check_name,
        severity,
        entity_id,
        issue_period,
        rows_affected,
        cast(null as {{ dbt.type_string() }}) as example_keys,
        cast(null as {{ dbt.type_string() }}) as detail,
        affected_from_date,
        affected_to_date,
        false as is_detected
    from resolved

),

final as (

    select
        issues.issue_id,
        issues.source_system,
        issues.source_table,
        issues.check_name,
        issues.severity,
        issues.entity_id,
        issues.issue_period,
        issues.rows_affected,
        issues.example_keys,
        issues.detail,
        issues.affected_from_date,
        issues.affected_to_date,
        case
            when not issues.is_detected then 'resolved'
            when acknowledgements.acknowledged_until >= {{ as_of_date() }} then 'acknowledged'
            else 'open'
        end as issue_state,
        lifetimes.first_seen_on,
        lifetimes.last_seen_on,
        lifetimes.first_seen_on = {{ as_of_date() }} as is_new,
        acknowledgements.acknowledged_by,
        acknowledgements.acknowledged_reason,
        acknowledgements.acknowledged_until,
        severities.check_description
    from issues
    inner join lifetimes
        on issues.issue_id = lifetimes.issue_id
    left join acknowledgements
        on issues.issue_id = acknowledgements.issue_id
    left join severities
        on issues.check_name = severities.check_name

)

select * from final
