{#-
    Post-hook of every base model: one row in raw_file_audits (created on-run-start, kept across
    builds) saying what its raw file was: found or missing or empty, the contract's columns it
    lacks (non-nullable ones make every row missing_column), the extra columns it has (ignored),
    and how many lines were read and rejected. The data-quality layer turns these into
    missing_table, empty_table, missing_column and extra_column issues.
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
        delete from {{ target.schema }}.raw_file_audits
        where source_system = '{{ parts[0] }}' and source_table = '{{ parts[1] }}';
        insert into {{ target.schema }}.raw_file_audits
        select
            '{{ parts[0] }}',
            '{{ parts[1] }}',
            {{ raw_file_location(relation) }},
            '{{ raw_file_format(contract) }}',
            '{{ file.status }}',
            '{{ missing_required | join(', ') | replace("'", "''") }}',
            '{{ missing_optional | join(', ') | replace("'", "''") }}',
            '{{ extra | join(', ') | replace("'", "''") }}',
            count(case when quarantine_reason is distinct from 'malformed_line' then 1 end),
            count(case when quarantine_reason = 'malformed_line' then 1 end),
            '{{ invocation_id }}'
        from {{ this }}
    {%- endif -%}
{%- endmacro %}
