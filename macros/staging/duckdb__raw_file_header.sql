{#- DuckDB: glob for existence, the file size for a zero-byte file, sniff_csv or a zero-row
    read_parquet for the column names. -#}
{% macro duckdb__raw_file_header(relation, file_format) -%}
    {%- set path = relation.render() -%}
    {%- set found = run_query('select count(*) as n from glob(' ~ path ~ ')').columns[0].values()[0] -%}
    {%- if found == 0 -%}
        {{ return({'status': 'missing_file', 'columns': []}) }}
    {%- endif -%}
    {%- if file_format == 'parquet' -%}
        {%- set described = run_query('describe select * from read_parquet(' ~ path ~ ')') -%}
        {{ return({'status': 'ok', 'columns': described.columns[0].values() | list}) }}
    {%- endif -%}
    {%- set size = run_query('select size from read_blob(' ~ path ~ ')').columns[0].values()[0] -%}
    {%- if size == 0 -%}
        {{ return({'status': 'empty_file', 'columns': []}) }}
    {%- endif -%}
    {%- set sniffed = run_query(
        'select unnest(columns).name as name from sniff_csv(' ~ path ~ ", header = true, delim = ',', quote = '\"', escape = '\"')"
    ) -%}
    {{ return({'status': 'ok', 'columns': sniffed.columns[0].values() | list}) }}
{%- endmacro %}
