{#-
    on-run-start: the table the base models' post-hook record_raw_file_audit writes, one row per
    raw table as last built. Not a model, so selecting a few models never drops the others' rows.
-#}
{% macro create_raw_file_audits() -%}
    create table if not exists {{ target.schema }}.raw_file_audits (
        source_system {{ dbt.type_string() }},
        source_table {{ dbt.type_string() }},
        file_path {{ dbt.type_string() }},
        file_format {{ dbt.type_string() }},
        file_status {{ dbt.type_string() }},
        missing_required_columns {{ dbt.type_string() }},
        missing_optional_columns {{ dbt.type_string() }},
        extra_columns {{ dbt.type_string() }},
        lines_read {{ dbt.type_bigint() }},
        lines_rejected {{ dbt.type_bigint() }},
        invocation_id {{ dbt.type_string() }}
    )
{%- endmacro %}
