-- The data-quality issues this build detects: one row per check, table, entity and issue
-- period across every check: quarantined rows, integrity checks that keep their rows, and
-- table health (files missing or empty, columns missing or extra, freshness, completeness,
-- row conservation). A record issue's period is the month its records belong to, so a new
-- defect is a new issue, never folded into an old acknowledged one; a table issue's period is
-- the day of the load it judges. Severity comes from the seed dq_check_severities.
-- fct_dq_issues adds the lifecycle (first and last seen, acknowledged, resolved).
{%- set check_models = names_with_enabled_systems([
    {'name': 'int_dq_checks__storefront', 'systems': ['storefront']},
    {'name': 'int_dq_checks__retail', 'systems': ['retail']},
]) %}
{#- Table-level checks on fct_dq_table_health: the check raised (NULL: none), the rows it concerns, a detail. -#}
{%- set table_rules = [
    {'check': "case when file_status = 'missing_file' then 'missing_table' when raw_row_count = 0 then 'empty_table'"
              ~ " when freshness_status = 'stale' then 'stale_table' when freshness_status = 'late' then 'late_table' end",
     'rows': 'raw_row_count',
     'detail': "case when file_status = 'missing_file' then " ~ dbt.concat(["'no file '", 'file_path'])
               ~ " when raw_row_count = 0 then " ~ dbt.concat(['file_path', "' has no data lines'"]) ~ " end"},
    {'check': "case when missing_required_columns is not null then 'missing_column' end",
     'rows': 'raw_row_count', 'detail': dbt.concat(['file_path', "' lacks column(s) '", 'missing_required_columns'])},
    {'check': "case when missing_optional_columns is not null then 'missing_optional_column' end",
     'rows': 'raw_row_count', 'detail': dbt.concat(['file_path', "' lacks optional column(s) '", 'missing_optional_columns'])},
    {'check': "case when extra_columns is not null then 'extra_column' end",
     'rows': 'raw_row_count',
     'detail': dbt.concat(['file_path', "' has column(s) the contract does not know, ignored: '", 'extra_columns'])},
    {'check': "case when completeness_pct < 85 then 'low_completeness' when completeness_pct < 95 then 'incomplete_table' end",
     'rows': 'required_cell_count - filled_cell_count', 'detail': none},
    {'check': "case when not is_row_count_conserved then 'row_count_not_conserved' end",
     'rows': 'raw_row_count', 'detail': none},
] %}

with

quarantined as (

    select * from {{ ref('fct_dq_quarantined_records') }}

),

table_health as (

    select * from {{ ref('fct_dq_table_health') }}

),

severities as (

    select * from {{ ref('dq_check_severities') }}

),

{% for check_model in check_models -%}
    {{ check_model }} as (

        select * from {{ ref(check_model) }}

    ),

{% endfor -%}

issue_records as (

    select
        source_system,
        source_table,
        quarantine_reason as check_name,
        entity_id,
        record_key,
        quarantine_detail as detail,
        -- A quarantined row belongs to the day it was loaded (the day after its events, daily feeds).
        cast(loaded_at as date) as affected_from_date,
        cast(loaded_at as date) as affected_to_date
    from quarantined
    -- Rows of a file without a required column are one table issue (missing_column), below.
    where quarantine_reason != 'missing_column'
    {% for check_model in check_models -%}
        union all
        select
            source_system,
            source_table,
            check_name,
            entity_id,
            record_key,
            cast(null as {{ dbt.type_string() }}) as detail,
            affected_from_date,
            affected_to_date
        from {{ check_model }}
    {% endfor %}

),

dated_records as (

    select
        *,
        cast({{ dbt.date_trunc('month', 'affected_from_date') }} as date) as issue_period
    from issue_records

),

ranked_records as (

    select
        *,
        row_number() over (
            partition by source_system, source_table, check_name, entity_id, issue_period
            order by record_key
        ) as example_rank
    from dated_records

),

record_issues as (

    select
        source_system,
        source_table,
        check_name,
        entity_id,
        issue_period,
        count(*) as rows_affected,
        {{ dbt.listagg("case when example_rank <= 5 then coalesce(record_key, '(null)') end", "', '", "order by record_key") }} as example_keys,
        -- The detail of the first example (e.g. which column failed which rule).
        min(case when example_rank = 1 then detail end) as detail,
        min(affected_from_date) as affected_from_date,
        max(affected_to_date) as affected_to_date
    from ranked_records
    group by source_system, source_table, check_name, entity_id, issue_period

),

table_checks as (

    {% for rule in table_rules -%}
        select
            source_system,
            source_table,
            {{ rule.check }} as check_name,
            {{ rule.rows }} as rows_affected,
            {{ rule.detail or 'cast(null as ' ~ dbt.type_string() ~ ')' }} as detail,
            max_loaded_at
        from table_health
        {%- if not loop.last %}
            union all
        {% endif -%}
    {%- endfor %}

),

table_issues as (

    select
        source_system,
        source_table,
        check_name,
        cast(null as {{ dbt.type_string() }}) as entity_id,
        cast(max_loaded_at as date) as issue_period,
        rows_affected,
        cast(null as {{ dbt.type_string() }}) as example_keys,
        detail,
        -- A table issue touches every period the table feeds.
        cast(null as date) as affected_from_date,
        cast(null as date) as affected_to_date
    from table_checks
    where check_name is not null

),

issues as (

    select * from record_issues
    union all
    select * from table_issues

),

final as (

    select
        {{ dbt.concat([
            "issues.source_system", "'.'", "issues.source_table", "':'", "issues.check_name", "':'",
            "coalesce(issues.entity_id, '*')", "':'", "coalesce(cast(issues.issue_period as " ~ dbt.type_string() ~ "), '*')"
        ]) }} as issue_id,
        issues.source_system,
        issues.source_table,
        issues.check_name,
        coalesce(severities.severity, 'HIGH') as severity,
        issues.entity_id,
        issues.issue_period,
        issues.rows_affected,
        issues.example_keys,
        issues.detail,
        issues.affected_from_date,
        issues.affected_to_date
    from issues
    left join severities
        on issues.check_name = severities.check_name

)

select * from final
