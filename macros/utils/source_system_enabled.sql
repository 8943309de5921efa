{#-
    Whether a source system's models are built: it is in the var source_systems (kpiwh sets it
    to the systems whose raw files are present and whose required systems are; plain dbt builds
    every system of source_catalog). A system without data is skipped, not an error.
-#}
{% macro source_system_enabled(system) -%}
    {{- return(system in var('source_systems')) -}}
{%- endmacro %}
