{#- Spark: open-source Spark SQL has no GRANT or SHOW GRANTS (readers' access is the file
    system's and the metastore's), and the project grants only on PostgreSQL (dbt_project.yml);
    dbt's default would still run SHOW GRANTS on every rebuilt table that configures grants. -#}
{% macro spark__apply_grants(relation, grant_config, should_revoke=True) -%}
{%- endmacro %}
