-- Every test result of every build, as the on-run-end hook appended them.
with

source as (

    select * from {{ source('dq_history', 'dq_test_results_history') }}

),

final as (

    select
        invocation_id,
        test_unique_id,
        test_name,
        tested_model,
        status,
        failures,
        execution_seconds,
        as_of_date,
        run_started_at
    from source

)

select * from final
