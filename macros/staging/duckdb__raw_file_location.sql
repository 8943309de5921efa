{#- DuckDB: the source renders as its file path, already a quoted literal. -#}
{% macro duckdb__raw_file_location(relation) -%}
    {{- relation.render() -}}
{%- endmacro %}
