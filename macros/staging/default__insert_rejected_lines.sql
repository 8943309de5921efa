{#- Engines whose raw loader rejects nothing line by line (their loader fails the file instead). -#}
{% macro default__insert_rejected_lines() -%}
    select 1 as no_rejected_lines
{%- endmacro %}
