{#- The format of a raw table's file, csv or parquet: its contract's file_format (source meta; a
    system with its own fixed format, e.g. classicmodels), else env KPI_RAW_FORMAT (the sources'
    file names use it too). -#}
{% macro raw_file_format(contract=none) -%}
    {%- set file_format = (contract.file_format if contract else none) or env_var('KPI_RAW_FORMAT', 'csv') -%}
    {%- if file_format not in ('csv', 'parquet') -%}
        {{ exceptions.raise_compiler_error("KPI_RAW_FORMAT must be csv or parquet, got '" ~ file_format ~ "'") }}
    {%- endif -%}
    {{- return(file_format) -}}
{%- endmacro %}
