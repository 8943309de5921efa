{#- DuckDB: read_csv(store_rejects) left the rejected lines in a temporary table of this connection. -#}
{% macro duckdb__insert_rejected_lines() -%}
    {%- set rejects = this.identifier ~ '__rejects' -%}
    {%- set exists = run_query("select count(*) from duckdb_tables() where table_name = '" ~ rejects ~ "_errors'").columns[0].values()[0] if execute else 0 -%}
    {%- if exists -%}
        insert into {{ this }} (quarantine_reason, quarantine_detail, source_line, raw_line)
        select
            'malformed_line',
            cast(error_type as {{ dbt.type_string() }})
            || coalesce(' in column ' || column_name, '') || ': ' || error_message,
            line,
            csv_line
        from {{ rejects }}_errors
        qualify row_number() over (partition by line order by column_idx) = 1
    {%- else -%}
        select 1 as no_rejected_lines
    {%- endif -%}
{%- endmacro %}
