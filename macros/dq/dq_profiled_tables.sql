{#-
    The (source_system, source_table, spec) triples to profile: every table of the var
    dq_raw_tables whose source system is enabled (its raw files are present); spec holds the
    table's key, required columns and load-time column.
-#}
{% macro dq_profiled_tables() -%}
    {%- set tables = [] -%}
    {%- for system, table_specs in var('dq_raw_tables').items() if source_system_enabled(system) -%}
        {%- for table, spec in table_specs.items() -%}
            {%- do tables.append((system, table, spec)) -%}
        {%- endfor -%}
    {%- endfor -%}
    {{- return(tables) -}}
{%- endmacro %}
