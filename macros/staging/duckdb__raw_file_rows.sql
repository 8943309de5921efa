{#- DuckDB: read_csv with a fixed dialect (no sniffing of the data) and store_rejects, or
    read_parquet with every value cast to text, so CSV and native Parquet types go through
    the same typing and checks. -#}
{% macro duckdb__raw_file_rows(relation, file_format, header, rejects_name) -%}
    {%- if file_format == 'parquet' -%}
        select
            {%- for column in header %}
            cast({{ adapter.quote(column) }} as varchar) as {{ adapter.quote(column) }},
            {%- endfor %}
            cast(null as bigint) as source_line
        from read_parquet({{ relation.render() }})
    {%- else -%}
        select
            *,
            cast(null as bigint) as source_line
        from read_csv(
            {{ relation.render() }},
            header = true, auto_detect = false, delim = ',', quote = '"', escape = '"',
            columns = { {%- for column in header -%}
                '{{ column | replace("'", "''") }}': 'VARCHAR'{{ ', ' if not loop.last }}
            {%- endfor -%} },
            store_rejects = true,
            rejects_table = '{{ rejects_name }}_errors',
            rejects_scan = '{{ rejects_name }}_scans'
        )
    {%- endif -%}
{%- endmacro %}
