{#- on-run-end: dbt's grants give readers the tables, not their schemas; every role a model
    grants select to also gets usage on that model's schema (PostgreSQL: no usage, no access,
    so raw and staging stay closed to them). Nothing to grant on DuckDB and Spark. -#}
{% macro grant_schema_usage() -%}
    {%- set grants = [] -%}
    {%- for node in (graph.nodes.values() if execute else []) if node.resource_type == 'model' -%}
        {%- for role in (node.config.grants or {}).get('select', []) -%}
            {%- set statement = 'grant usage on schema ' ~ node.schema ~ ' to ' ~ role -%}
            {%- if statement not in grants -%}
                {%- do grants.append(statement) -%}
            {%- endif -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- grants | join(';\n') if grants else 'select 1 as no_schema_grants' -}}
{%- endmacro %}
