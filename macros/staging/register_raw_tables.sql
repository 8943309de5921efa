{#-
    run-operation (kpiwh.engines.spark): declare each raw table loaded as Parquet as its source's
    table, `tables` a list of {schema, name, status, location, rejects}. A missing file leaves no
    table; an empty one a table with only the empty_marker column (default__raw_file_header).
-#}
{% macro register_raw_tables(tables, empty_marker) -%}
    {%- for table in tables -%}
        {%- set relation = table.schema ~ '.' ~ table.name -%}
        {%- do run_query('create schema if not exists ' ~ table.schema) -%}
        {%- do run_query('drop table if exists ' ~ relation) -%}
        {%- do run_query('drop table if exists ' ~ relation ~ '__rejects') -%}
        {%- if table.status == 'empty_file' -%}
            {%- do run_query('create table ' ~ relation ~ ' (' ~ empty_marker ~ ' string) using parquet') -%}
        {%- elif table.status == 'ok' -%}
            {%- do run_query('create table ' ~ relation ~ " using parquet location '" ~ table.location ~ "'") -%}
            {%- if table.rejects -%}
                {%- do run_query('create table ' ~ relation ~ "__rejects using parquet location '" ~ table.rejects ~ "'") -%}
            {%- endif -%}
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
