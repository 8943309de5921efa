{#-
    The names of the entries whose source systems are all enabled (their raw files present):
    entries is a list of {'name': ..., 'systems': [...]}. Models that union per-area or
    per-system models use it to leave out the ones that are disabled.
-#}
{% macro names_with_enabled_systems(entries) -%}
    {%- set names = [] -%}
    {%- for entry in entries -%}
        {%- set missing = [] -%}
        {%- for system in entry.systems if not source_system_enabled(system) -%}
            {%- do missing.append(system) -%}
        {%- endfor -%}
        {%- if not missing -%}
            {%- do names.append(entry.name) -%}
        {%- endif -%}
    {%- endfor -%}
    {{- return(names) -}}
{%- endmacro %}
