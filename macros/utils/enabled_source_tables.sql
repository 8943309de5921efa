{#- The (system, table) pairs of every enabled source system, in source_catalog order. -#}
{% macro enabled_source_tables() -%}
    {%- set tables = [] -%}
    {%- for system, entry in var('source_catalog').items() if source_system_enabled(system) -%}
        {%- for table in entry.tables -%}
            {%- do tables.append((system, table)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(tables) -}}
{%- endmacro %}
