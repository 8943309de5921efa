{#- Engines without a file reader: kpiwh.engines parsed the file with DuckDB's reader, the
    project's one CSV dialect, and loaded the lines it rejected beside the raw table, as
    <table>__rejects (the columns of DuckDB's rejects table). -#}
{% macro default__insert_rejected_lines() -%}
    {%- set parts = this.identifier[5:].split('__') -%}
    {%- set raw = source(parts[0], parts[1]) -%}
    {%- set rejects = adapter.get_relation(database=raw.database, schema=raw.schema, identifier=raw.identifier ~ '__rejects') if execute else none -%}
    {%- if rejects is not none -%}
        insert into {{ this }} (quarantine_reason, quarantine_detail, source_line, raw_line)
        select
            'malformed_line',
            cast(error_type as {{ dbt.type_string() }})
            || coalesce(' in column ' || column_name, '') || ': ' || error_message,
            line,
            csv_line
        from (
            select
                *,
                row_number() over (partition by line order by column_idx) as error_number
            from {{ rejects }}
        ) as errors
        where error_number = 1
    {%- else -%}
        select 1 as no_rejected_lines
    {%- endif -%}
{%- endmacro %}
