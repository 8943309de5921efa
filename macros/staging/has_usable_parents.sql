{#-
    The SQL condition, over the rows aliased base_rows, that every reference of a row resolves
    to a usable parent row: for each parent ({'model': stg_ model, 'columns': [...],
    'parent_columns': [...]}, as staged_rows takes them), the reference is null or the parent's
    stg_ model has the row. staged_rows keeps the rows where it holds; the quarantine takes the
    others, so that the two partition the usable rows of a base model exactly.
-#}
{% macro has_usable_parents(parents) -%}
    {%- set conditions = [] -%}
    {%- for parent in parents -%}
        {%- do conditions.append(
            '(base_rows.' ~ parent.columns | join(' is null or base_rows.') ~ ' is null or exists (select 1 from '
            ~ ref(parent.model) ~ ' as parent_rows where ' ~ parent_key_match(parent) ~ '))') -%}
    {%- endfor -%}
    {#- Parenthesised as a whole, so that `not` applies to all of it. -#}
    {{- ('(' ~ conditions | join(' and ') ~ ')') if conditions else 'true' -}}
{%- endmacro %}
