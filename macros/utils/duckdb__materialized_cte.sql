{#- DuckDB inlines a CTE into each reader unless told (MATERIALIZED, also PostgreSQL 12+ syntax). -#}
{% macro duckdb__materialized_cte() -%}
    materialized
{%- endmacro %}
