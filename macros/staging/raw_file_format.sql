{#- The format of the raw files, csv or parquet (env KPI_RAW_FORMAT; the sources' file names use it too). -#}
{% macro raw_file_format() -%}
    {%- set file_format = env_var('KPI_RAW_FORMAT', 'csv') -%}
    {%- if file_format not in ('csv', 'parquet') -%}
        {{ exceptions.raise_compiler_error("KPI_RAW_FORMAT must be csv or parquet, got '" ~ file_format ~ "'") }}
    {%- endif -%}
    {{- return(file_format) -}}
{%- endmacro %}
