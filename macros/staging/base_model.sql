{#-
    The whole SQL of a base_<system>__<table> model, generated from the table's contract (its
    source definition): every row of the raw file, parsed once, its columns selected by name,
    cleaned (trimmed; blank and the literal NULL are missing), typed, checked row by row and
    de-duplicated, with quarantine_reason (null when the row is usable) and quarantine_detail
    (the column at fault). Lines the reader rejects are added by the insert_rejected_lines
    post-hook, so the table holds one row per raw line.

    Checks, first failing wins: null_key (a key column missing), missing_column (a non-nullable
    column absent from the file), invalid_timestamp / invalid_number / invalid_enum (a value
    that does not fit its type, or missing where the contract forbids it), the column's bounds
    (min, max: invalid_number), allowed values (invalid_enum), not_in_future (future_date: later than its own extract),
    then the table's own checks (meta.checks: reason and SQL condition on staged names).
    Copies of a key: the latest load wins and older ones are duplicate_key; copies of the
    latest load that differ in any value are all conflicting_duplicate (no copy can be trusted).
-#}
{% macro base_model(source_system, source_table) -%}
    {%- set relation = source(source_system, source_table) -%}
    {%- set contract = contract_table(source_system, source_table) -%}
    {%- if contract is none -%}
        {#- Parse time: dbt only needs the source() call above to know the lineage. -#}
        select 1 as parsing_placeholder
    {%- else -%}
        {%- set file = raw_file_header(relation, raw_file_format(contract)) -%}
        {%- set checks = base_model_checks(contract, file.columns) -%}
        {%- set loaded_at = contract.loaded_at -%}
        {%- set key = contract.key -%}
        {%- set order_by = (loaded_at ~ ' desc nulls last, ') if loaded_at else '' -%}
with

raw_rows as (

    {% if file.status == 'ok' -%}
        {{ raw_file_rows(relation, raw_file_format(contract), file.columns, this.identifier ~ '__rejects') }}
    {%- else -%}
    -- {{ file.status }}: the table is empty and the audit records why.
    select
        {%- for column in contract.columns %}
        cast(null as {{ dbt.type_string() }}) as {{ adapter.quote(column.raw_name) }},
        {%- endfor %}
        cast(null as bigint) as source_line
    where 1 = 0
    {%- endif %}

),

cleaned as (

    select
        {%- for column in contract.columns %}
        {%- set text = clean_text(adapter.quote(column.raw_name)) if column.raw_name in file.columns else 'cast(null as ' ~ dbt.type_string() ~ ')' %}
        {%- set case_rule = column.rules.get('case') %}
        {{ (case_rule ~ '(' ~ text ~ ')') if case_rule else text }} as {{ column.name }}__text,
        {%- endfor %}
        source_line
    from raw_rows

),

typed as (

    select
        *,
        {%- for column in contract.columns %}
        {%- set default = column.rules.get('default') %}
        {%- set typed = typed_raw_value(column.name ~ '__text', column.data_type) %}
        {{ ('coalesce(' ~ typed ~ ', ' ~ default ~ ')') if default is not none else typed }} as {{ column.name }}{{ ',' if not loop.last }}
        {%- endfor %}
    from cleaned

),

-- Read by repeated_keys and flagged: typed and checked once.
checked as {{ materialized_cte() }} (

    select
        {%- for column in contract.columns %}
        {{ column.name }},
        {%- endfor %}
        source_line,
        case
            {%- for check in checks %}
            when {{ check.condition }} then '{{ check.reason }}'
            {%- endfor %}
        end as row_defect,
        case
            {%- for check in checks %}
            when {{ check.condition }} then '{{ check.detail | replace("'", "''") }}'
            {%- endfor %}
        end as row_defect_detail
    from typed

),

repeated_keys as (

    -- Keys with more than one usable copy. Only their rows are ranked: a window over every row
    -- would cost more than parsing the file.
    select
        {%- for column in key %}
        {{ column }},
        {%- endfor %}
        {{ ('max(' ~ loaded_at ~ ')') if loaded_at else 'null' }} as latest_loaded_at
    from checked
    where row_defect is null
    group by {{ key | join(', ') }}
    having count(*) > 1

),

flagged as (

    select
        checked.*,
        repeated_keys.latest_loaded_at,
        repeated_keys.{{ key[0] }} is not null as is_repeated
    from checked
    left join repeated_keys
        on
            {%- for column in key %}
            checked.{{ column }} = repeated_keys.{{ column }} and
            {%- endfor %}
            checked.row_defect is null

),

ranked_copies as (

    select
        *,
        row_number() over (
            partition by {{ key | join(', ') }}
            order by {{ order_by }}row_text
        ) as copy_number,
        min(row_text) over (partition by {{ key | join(', ') }}{{ (', ' ~ loaded_at) if loaded_at }}) as min_row_text,
        max(row_text) over (partition by {{ key | join(', ') }}{{ (', ' ~ loaded_at) if loaded_at }}) as max_row_text
    from (
        select
            *,
            {{ base_model_row_text(contract) }} as row_text
        from flagged
        where is_repeated
    ) as repeated_rows

),

final as (

    select
        {%- for column in contract.columns %}
        {{ column.name }},
        {%- endfor %}
        row_defect as quarantine_reason,
        row_defect_detail as quarantine_detail,
        source_line,
        cast(null as {{ dbt.type_string() }}) as raw_line
    from flagged
    where not is_repeated
    union all
    select
        {%- for column in contract.columns %}
        {{ column.name }},
        {%- endfor %}
        case
            when min_row_text != max_row_text and {{ ('coalesce(' ~ loaded_at ~ ' = latest_loaded_at, latest_loaded_at is null)') if loaded_at else 'true' }}
                then 'conflicting_duplicate'
            when copy_number > 1 then 'duplicate_key'
        end as quarantine_reason,
        case
            when min_row_text != max_row_text and {{ ('coalesce(' ~ loaded_at ~ ' = latest_loaded_at, latest_loaded_at is null)') if loaded_at else 'true' }}
                then 'copies of the key differ in their values'
            when copy_number > 1 then 'an older or identical copy of the key'
        end as quarantine_detail,
        source_line,
        cast(null as {{ dbt.type_string() }}) as raw_line
    from ranked_copies

)

select * from final
    {%- endif -%}
{%- endmacro %}
