{#-
    Whether a source system's models are built. env KPI_SOURCE_SYSTEMS lists the systems whose
    raw files are present (comma-separated; `kpiwh build` and the tests set it from the raw
    directory and print which were skipped); unset or 'all' means every system. A system whose
    data is absent is skipped, not an error: its folders are disabled in dbt_project.yml and its
    KPI measures are left out of kpi_measures.
-#}
{% macro source_system_enabled(system) -%}
    {%- set systems = env_var('KPI_SOURCE_SYSTEMS', 'all') | trim -%}
    {{- return(systems in ('', 'all') or system in systems.split(',') | map('trim') | list) -}}
{%- endmacro %}
