{#-
    dbt source freshness measured at the end of the as_of day, as Q.1 measures it
    (fct_dq_table_health), rather than at the machine's clock: a rebuild of an earlier day is
    judged on that day, and the nightly's freshness step agrees with the data-quality gate.
    Overrides dbt's default__collect_freshness through the project's dispatch order.
-#}
{% macro default__collect_freshness(source, loaded_at_field, filter) -%}
    {%- call statement('collect_freshness', fetch_result=True, auto_begin=False) -%}
        select
            max({{ loaded_at_field }}) as max_loaded_at,
            cast({{ dbt.dateadd('day', 1, as_of_date()) }} as {{ dbt.type_timestamp() }}) as snapshotted_at
        from {{ source }}
        {%- if filter %}
        where {{ filter }}
        {%- endif %}
    {%- endcall -%}
    {{ return(load_result('collect_freshness')) }}
{%- endmacro %}
