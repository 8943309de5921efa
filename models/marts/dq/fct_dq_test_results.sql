-- Test results of every build so far, newest first per test: the data-quality trend that
-- dbt's store_failures (last run only) cannot give. A view, so it includes the latest build.
with

results as (

    select * from {{ ref('stg_dq_history__test_results') }}

),

final as (

    select
        *,
        status in ('fail', 'error') as is_failure,
        row_number() over (partition by test_unique_id order by run_started_at desc, invocation_id asc) as build_recency
    from results

)

select * from final
