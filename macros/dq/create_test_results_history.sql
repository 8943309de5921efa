{#-
    on-run-start: the table every build appends its test results to. It is not a model, so no
    build ever drops it: the history persists and DQ trends stay queryable.
-#}
{% macro create_test_results_history() -%}
    create table if not exists {{ target.schema }}.dq_test_results_history (
        invocation_id {{ dbt.type_string() }},
        run_started_at {{ dbt.type_timestamp() }},
        as_of_date date,
        test_unique_id {{ dbt.type_string() }},
        test_name {{ dbt.type_string() }},
        tested_model {{ dbt.type_string() }},
        status {{ dbt.type_string() }},
        failures {{ dbt.type_int() }},
        execution_seconds {{ dbt.type_float() }}
    )
{%- endmacro %}
