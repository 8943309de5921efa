{#- Engines without a file reader: the raw table kpiwh.engines loaded the file into. -#}
{% macro default__raw_file_location(relation) -%}
    '{{ relation.render() | replace("'", "''") }}'
{%- endmacro %}
