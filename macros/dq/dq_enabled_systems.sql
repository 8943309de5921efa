{#- The source systems profiled by the data-quality layer whose raw files are present. -#}
{% macro dq_enabled_systems() -%}
    {%- set systems = [] -%}
    {%- for system in var('dq_raw_tables') if source_system_enabled(system) -%}
        {%- do systems.append(system) -%}
    {%- endfor -%}
    {{- return(systems) -}}
{%- endmacro %}
