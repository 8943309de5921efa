{#-
    One KPI's rows in the measure shape every kpi_measures__<area> model unions:
    kpi_id, entity_type, entity_id, grain, period_start, period_end, value, target_value.
    `relation` is a CTE or relation name; the other arguments are SQL expressions over it,
    except kpi_id, entity_type and grain, which are literals. target_value is only for targets
    that move with the period (e.g. a pro-rated year-to-date target); fixed ones are catalog data.
-#}
{% macro kpi_measure(kpi_id, relation, entity_type, entity_id, grain, period_start, period_end, value, target_value='null') -%}
    select
        '{{ kpi_id }}' as kpi_id,
        '{{ entity_type }}' as entity_type,
        cast({{ entity_id }} as {{ dbt.type_string() }}) as entity_id,
        '{{ grain }}' as grain,
        cast({{ period_start }} as date) as period_start,
        cast({{ period_end }} as date) as period_end,
        cast({{ value }} as {{ dbt.type_float() }}) as value,
        cast({{ target_value }} as {{ dbt.type_float() }}) as target_value
    from {{ relation }}
{%- endmacro %}
