{#- A raw text field with stray spaces trimmed; blank (empty or spaces only) and the literal
    NULL that some exports write become NULL. -#}
{% macro clean_text(column) -%}
    case when upper(trim({{ column }})) not in ('', 'NULL') then trim({{ column }}) end
{%- endmacro %}
