{#-
    One raw table's contract, read from its source definition (models/staging/<system>/
    _<system>__sources.yml): the source's table meta (key, entity, load-time column, row checks)
    and its columns in file order, each with its staged name, type and rules. Only available
    while dbt executes (graph is empty at parse time); returns none before.
-#}
{% macro contract_table(source_system, source_table) -%}
    {%- if not execute -%}
        {{- return(none) -}}
    {%- endif -%}
    {%- set node = graph.sources.get('source.' ~ project_name ~ '.' ~ source_system ~ '.' ~ source_table) -%}
    {%- if node is none -%}
        {{ exceptions.raise_compiler_error("no source contract for " ~ source_system ~ "." ~ source_table) }}
    {%- endif -%}
    {%- set table_meta = node.meta -%}
    {%- set columns = [] -%}
    {%- for raw_name, column in node.columns.items() -%}
        {%- set rules = column.meta -%}
        {%- do columns.append({
            'raw_name': raw_name,
            'name': rules.get('rename', raw_name),
            'data_type': column.data_type or 'string',
            'nullable': rules.get('nullable', true),
            'required': rules.get('required', false),
            'rules': rules,
        }) -%}
    {%- endfor -%}
    {%- set key = table_meta.get('key', []) -%}
    {%- for column in columns if column.name in key -%}
        {%- do column.update({'nullable': false, 'required': true}) -%}
    {%- endfor -%}
    {{- return({
        'source_system': source_system,
        'source_table': source_table,
        'key': key,
        'entity': table_meta.get('entity'),
        'loaded_at': table_meta.get('loaded_at', 'loaded_at'),
        'checks': table_meta.get('checks', []),
        'record_key': table_meta.get('record_key'),
        'file_format': table_meta.get('file_format'),
        'columns': columns,
    }) -}}
{%- endmacro %}
