{#- PostgreSQL 15 has no try_cast and dbt's default safe_cast raises on a bad value; staging
    needs NULL to quarantine the row, so the cast goes through kpi_try_cast
    (create_engine_functions, on-run-start). -#}
{% macro postgres__safe_cast(field, type) -%}
    {{ target.schema }}.kpi_try_cast(cast({{ field }} as text), cast(null as {{ type }}))
{%- endmacro %}
