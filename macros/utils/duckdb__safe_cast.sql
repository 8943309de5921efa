{#-
    dbt-duckdb falls back to dbt's default safe_cast, a plain cast that raises on a bad value.
    Staging relies on safe_cast returning NULL so the row can be quarantined, so DuckDB gets
    try_cast (found through the dispatch search order in dbt_project.yml).
-#}
{% macro duckdb__safe_cast(field, type) -%}
    try_cast({{ field }} as {{ type }})
{%- endmacro %}
