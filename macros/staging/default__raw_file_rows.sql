{#- Engines without a file reader: the loaded raw table (text already; the cast keeps the
    typing and checks of base_model the same whatever the loader did). Rows carry no line
    number, as a CSV read by DuckDB does not; rejected lines are in <table>__rejects. -#}
{% macro default__raw_file_rows(relation, file_format, header, rejects_name) -%}
        select
            {%- for column in header %}
            cast({{ adapter.quote(column) }} as {{ dbt.type_string() }}) as {{ adapter.quote(column) }},
            {%- endfor %}
            cast(null as bigint) as source_line
        from {{ relation }}
{%- endmacro %}
