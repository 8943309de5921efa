{#- A raw text field with stray spaces trimmed; blank (empty or spaces only) becomes NULL. -#}
{% macro clean_text(column) -%}
    nullif(trim({{ column }}), '')
{%- endmacro %}
