{#-
    The quarantined rows of one raw table in the common quarantine shape: the rows its base
    model quarantined, and the usable ones its stg_ model left out because a reference does
    not resolve (parents as recorded by staged_rows). record_key is the table meta record_key
    expression, else the key columns other than the entity (unless it is the key) joined with '-'. With no table
    (none, none): an empty result of the same shape.
-#}
{% macro quarantined_records(source_system, source_table) -%}
    {%- set contract = contract_table(source_system, source_table) if source_system else none -%}
    {%- set base = ref('base_' ~ source_system ~ '__' ~ source_table) if source_system else none -%}
    {#- Every stg_ model is a parent of the quarantine: the parents tested below are among them,
        and dbt must know them while parsing (when the graph, hence the parents, is empty). -#}
    {%- if source_system %}{% do ref('stg_' ~ source_system ~ '__' ~ source_table) %}{% endif -%}
    {%- if contract is none -%}
    select
        cast(null as {{ dbt.type_string() }}) as source_system,
        cast(null as {{ dbt.type_string() }}) as source_table,
        cast(null as {{ dbt.type_string() }}) as entity_id,
        cast(null as {{ dbt.type_string() }}) as record_key,
        cast(null as {{ dbt.type_string() }}) as quarantine_reason,
        cast(null as {{ dbt.type_string() }}) as quarantine_detail,
        cast(null as bigint) as source_line,
        cast(null as {{ dbt.type_string() }}) as raw_line,
        cast(null as {{ dbt.type_timestamp() }}) as loaded_at
    where 1 = 0
    {%- else -%}
        {%- set node = graph.nodes.get('model.' ~ project_name ~ '.stg_' ~ source_system ~ '__' ~ source_table) -%}
        {%- set parents = node.config.meta.get('parents', []) if node else [] -%}
        {%- set key_parts = [] -%}
        {%- for column in contract.key if column != contract.entity or contract.key | length == 1 -%}
            {%- do key_parts.append('cast(base_rows.' ~ column ~ ' as ' ~ dbt.type_string() ~ ')') -%}
        {%- endfor -%}
        {%- set record_key = contract.record_key or key_parts | join(" || '-' || ") -%}
        {%- set reference_reasons = [] -%}
        {%- set reference_details = [] -%}
        {%- for parent in parents -%}
            {%- set parent_base = ref('base_' ~ parent.model[4:]) -%}
            {%- set no_parent = "not exists (select 1 from " ~ parent_base ~ " as parent_rows where " ~ parent_key_match(parent) ~ ")" -%}
            {%- set has_clean_parent = "exists (select 1 from " ~ ref(parent.model) ~ " as parent_rows where " ~ parent_key_match(parent) ~ ")" -%}
            {%- do reference_reasons.append("when " ~ no_parent ~ " then 'orphan_key'") -%}
            {%- do reference_details.append(
                "when not " ~ has_clean_parent ~ " then '" ~ parent.columns | join(', ') ~ " has no clean row in " ~ parent.model ~ "'") -%}
        {%- endfor %}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        cast({{ ('base_rows.' ~ contract.entity) if contract.entity else 'null' }} as {{ dbt.type_string() }}) as entity_id,
        coalesce(
            cast({{ record_key }} as {{ dbt.type_string() }}),
            {{ dbt.concat(["'line '", 'cast(base_rows.source_line as ' ~ dbt.type_string() ~ ')']) }}
        ) as record_key,
        {% if parents -%}
        coalesce(base_rows.quarantine_reason, case {{ reference_reasons | join(' ') }} else 'parent_quarantined' end)
        {%- else -%}
        base_rows.quarantine_reason
        {%- endif %} as quarantine_reason,
        {% if parents -%}
        coalesce(base_rows.quarantine_detail, case {{ reference_details | join(' ') }} end)
        {%- else -%}
        base_rows.quarantine_detail
        {%- endif %} as quarantine_detail,
        base_rows.source_line,
        base_rows.raw_line,
        cast({{ ('base_rows.' ~ contract.loaded_at) if contract.loaded_at else 'null' }} as {{ dbt.type_timestamp() }}) as loaded_at
    from {{ base }} as base_rows
    where
        base_rows.quarantine_reason is not null
        {%- if parents %}
        -- The usable rows stg_ leaves out (staged_rows): tested against the parents, which are
        -- far smaller than an anti-join of this table with its own stg_ model.
        or not {{ has_usable_parents(parents) }}
        {%- endif %}
    {%- endif -%}
{%- endmacro %}
