{#- The join condition of a row (alias base_rows) with its parent (alias parent_rows), for a
    parent as staged_rows takes it: {'columns': [...], 'parent_columns': [...] (default: columns)}. -#}
{% macro parent_key_match(parent) -%}
    {%- set parent_columns = parent.get('parent_columns', parent.columns) -%}
    {%- set matches = [] -%}
    {%- for column in parent.columns -%}
        {%- do matches.append('parent_rows.' ~ parent_columns[loop.index0] ~ ' = base_rows.' ~ column) -%}
    {%- endfor -%}
    {{- matches | join(' and ') -}}
{%- endmacro %}
