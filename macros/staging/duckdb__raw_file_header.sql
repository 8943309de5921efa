{#- DuckDB: glob for existence, the file size for a zero-byte file, a zero-row read_parquet or
    the CSV's first line (read as one text field, so a malformed line further on cannot stop it;
    quoted names may hold commas) for the column names. -#}
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
    {%- set first_line = run_query(
        'select * from read_csv(' ~ path ~ ", auto_detect = false, header = false, delim = '\x1f', quote = '', escape = '',"
        ~ " columns = {'header_line': 'VARCHAR'}, ignore_errors = true, strict_mode = false) limit 1"
    ).columns[0].values() -%}
    {%- set columns = [] -%}
    {%- for quoted, bare in modules.re.findall('\\s*(?:"((?:[^"]|"")*)"|([^,]*))\\s*(?:,|$)', first_line[0] if first_line else '') -%}
        {%- do columns.append(quoted.replace('""', '"') if quoted else bare.strip()) -%}
    {%- endfor -%}
    {{ return({'status': 'ok', 'columns': columns[:-1] if columns and columns[-1] == '' else columns}) }}
{%- endmacro %}
