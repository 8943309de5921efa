{#- Every typed value of a row but its load time, as one text: copies of a key with the same
    text are identical, copies with different texts conflict. -#}
{% macro base_model_row_text(contract) -%}
    {%- set parts = [] -%}
    {%- for column in contract.columns if column.name != contract.loaded_at -%}
        {%- if not loop.first -%}
            {%- do parts.append("'|'") -%}
        {%- endif -%}
        {%- do parts.append("coalesce(cast(" ~ column.name ~ " as " ~ dbt.type_string() ~ "), '<null>')") -%}
    {%- endfor -%}
    {{- dbt.concat(parts) -}}
{%- endmacro %}
