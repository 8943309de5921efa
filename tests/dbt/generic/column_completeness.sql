{#-
    Completeness with a percentage threshold: the share of non-null values of a column, with a
    warn bound and an error bound (dbt tests only count failing rows, so the test returns one
    row below the warn bound and a second below the error bound: warn_if >= 1, error_if >= 2).
    Severity follows the data-quality gate (macro dq_gate_severity).
-#}
{% test column_completeness(model, column_name, warn_below_pct=95, error_below_pct=85) %}
{{ config(severity=dq_gate_severity(), warn_if='>=1', error_if='>=2') }}

with

measured as (

    select count({{ column_name }}) * 100.0 / nullif(count(*), 0) as completeness_pct
    from {{ model }}

),

breaches as (

    select
        completeness_pct,
        'below the warn bound of {{ warn_below_pct }}%' as breach
    from measured
    where completeness_pct < {{ warn_below_pct }}
    union all
    select
        completeness_pct,
        'below the error bound of {{ error_below_pct }}%' as breach
    from measured
    where completeness_pct < {{ error_below_pct }}

)

select * from breaches

{% endtest %}
