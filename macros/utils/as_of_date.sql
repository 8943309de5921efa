{#-
    The date every "current" KPI period ends on, as a SQL date expression. Set with
    --vars '{as_of: YYYY-MM-DD}' or env KPI_AS_OF; unset means yesterday (UTC), the nightly case.
    Pinning it makes the marts a pure function of the raw data.
-#}
{% macro as_of_date() -%}
    {%- set as_of = var('as_of', '') or env_var('KPI_AS_OF', '') -%}
    {%- if as_of -%}
        {%- if not modules.re.match('^\d{4}-\d{2}-\d{2}$', as_of | string) -%}
            {{ exceptions.raise_compiler_error("as_of must be a date as YYYY-MM-DD, got '" ~ as_of ~ "'") }}
        {%- endif -%}
        cast('{{ as_of }}' as date)
    {%- else -%}
        cast({{ dbt.dateadd('day', -1, dbt.current_timestamp()) }} as date)
    {%- endif -%}
{%- endmacro %}
