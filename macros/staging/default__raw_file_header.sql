{#- Engines without a file reader (PostgreSQL, Spark): kpiwh.engines loaded each raw file into
    the source's table, every column as text in file order. No table means no file; a table
    without columns (PostgreSQL) or with only the loader's empty-file marker (Spark) an empty file. -#}
{% macro default__raw_file_header(relation, file_format) -%}
    {%- set loaded = adapter.get_relation(database=relation.database, schema=relation.schema, identifier=relation.identifier) -%}
    {%- if loaded is none -%}
        {{ return({'status': 'missing_file', 'columns': []}) }}
    {%- endif -%}
    {%- set columns = adapter.get_columns_in_relation(loaded) | map(attribute='name') | reject('equalto', '_kpiwh_empty_file') | list -%}
    {{ return({'status': 'ok' if columns else 'empty_file', 'columns': columns}) }}
{%- endmacro %}
