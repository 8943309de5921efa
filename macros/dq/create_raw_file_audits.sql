{#-
    on-run-start: the table the base models' post-hook record_raw_file_audit writes, one row per
    raw table as last built. Not a model, so selecting a few models never drops the others' rows.
    Partitioned by its key where rows are replaced by partition (Spark: no DELETE on Parquet).
-#}
{% macro create_raw_file_audits() -%}
    create table if not exists {{ target.schema }}.raw_file_audits (
        source_system {{ dbt.type_string() }},
        source_table {{ dbt.type_string() }},
        {%- for name, type in raw_file_audit_columns() %}
        {{ name }} {{ type }}{{ ',' if not loop.last }}
        {%- endfor %}
    ){{ partitioned_by(['source_system', 'source_table']) }}
{%- endmacro %}
