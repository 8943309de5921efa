{#-
    Post-hook of every base model: one row in raw_file_audits (created on-run-start, kept across
    builds) saying what its raw file was: found or missing or empty, the contract's columns it
    lacks (non-nullable ones make every row missing_column), the extra columns it has (ignored),
    and how many lines were read and rejected. The data-quality layer turns these into
    missing_table, empty_table, missing_column and extra_column issues. The hook before it,
    clear_raw_file_audit, deletes the table's previous row where the engine deletes.
-#}
{% macro record_raw_file_audit() -%}
    {%- set parts = this.identifier[5:].split('__') -%}
    {%- set contract = contract_table(parts[0], parts[1]) -%}
    {%- if contract is none -%}
        select 1 as parsing_placeholder
    {%- else -%}
        {%- set relation = source(parts[0], parts[1]) -%}
        {%- set file = raw_file_header(relation, raw_file_format(contract)) -%}
        {%- set contract_names = contract.columns | map(attribute='raw_name') | list -%}
        {%- set missing_required = [] -%}
        {%- set missing_optional = [] -%}
        {%- for column in contract.columns if file.status == 'ok' and column.raw_name not in file.columns -%}
            {%- do (missing_optional if column.nullable else missing_required).append(column.raw_name) -%}
        {%- endfor -%}
        {%- set extra = [] -%}
        {%- for name in file.columns if name not in contract_names -%}
            {%- do extra.append(name) -%}
        {%- endfor -%}
        {%- set row -%}
        select
            {{ raw_file_location(relation) }} as file_path,
            '{{ raw_file_format(contract) }}' as file_format,
            '{{ file.status }}' as file_status,
            '{{ missing_required | join(', ') | replace("'", "''") }}' as missing_required_columns,
            '{{ missing_optional | join(', ') | replace("'", "''") }}' as missing_optional_columns,
            '{{ extra | join(', ') | replace("'", "''") }}' as extra_columns,
            count(case when quarantine_reason is distinct from 'malformed_line' then 1 end) as lines_read,
            count(case when quarantine_reason = 'malformed_line' then 1 end) as lines_rejected,
            '{{ invocation_id }}' as invocation_id
        from {{ this }}
        {%- endset -%}
        {{ replace_partition(
            target.schema ~ '.raw_file_audits', raw_file_audit_partition(),
            raw_file_audit_columns() | map(attribute=0) | list, row) }}
    {%- endif -%}
{%- endmacro %}
