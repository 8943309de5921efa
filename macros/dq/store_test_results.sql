{#- on-run-end: append this invocation's data and unit test results to dq_test_results_history. -#}
{% macro store_test_results(results) -%}
    {%- set rows = [] -%}
    {%- for result in results if result.node.resource_type in ('test', 'unit_test') -%}
        {%- set tested = result.node.depends_on.nodes | map('string') | join(',') -%}
        {%- do rows.append(
            "('" ~ invocation_id ~ "', cast('" ~ run_started_at.strftime('%Y-%m-%d %H:%M:%S') ~ "' as "
            ~ dbt.type_timestamp() ~ "), " ~ as_of_date() ~ ", '" ~ result.node.unique_id ~ "', '"
            ~ dbt.escape_single_quotes(result.node.name) ~ "', '" ~ dbt.escape_single_quotes(tested) ~ "', '"
            ~ result.status ~ "', " ~ (result.failures if result.failures is not none else 'null') ~ ", "
            ~ (result.execution_time | round(3)) ~ ")"
        ) -%}
    {%- endfor -%}
    {%- if rows -%}
        insert into {{ target.schema }}.dq_test_results_history values {{ rows | join(', ') }}
    {%- else -%}
        select 1 as no_test_results
    {%- endif -%}
{%- endmacro %}
