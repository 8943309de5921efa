{#-
    The usable rows of a base model, as the body of a stg_ model: every contract column of the
    rows that passed their checks and whose parents have a usable row. parents lists the
    stg_ models this table references, {'model': ..., 'columns': [...], 'parent_columns': [...]}
    (parent_columns default to columns); a reference that is null is not checked. The parents are
    recorded in the model's meta, where int_quarantined_records_unioned reads them to name the
    rows left out (orphan_key: no such parent; parent_quarantined: the parent is quarantined).
    Reading a parent's stg_ model is the one staging-to-staging dependency the project allows.
-#}
{% macro staged_rows(source_system, source_table, parents=[]) -%}
    {{- config(meta={'parents': parents}) -}}
    {%- set base = ref('base_' ~ source_system ~ '__' ~ source_table) -%}
    {%- set contract = contract_table(source_system, source_table) -%}
    select
        {%- if contract is none %}
        1 as parsing_placeholder
        {%- else %}
        {%- for column in contract.columns %}
        base_rows.{{ column.name }}{{ ',' if not loop.last }}
        {%- endfor %}
        {%- endif %}
    from {{ base }} as base_rows
    where
        base_rows.quarantine_reason is null
        and {{ has_usable_parents(parents) }}
{%- endmacro %}
