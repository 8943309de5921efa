{#-
    One row per entity and calendar day from the entity's first activity to as_of: the calendar
    of a fact whose running totals (open escalations, pending orders) must start where its
    activity does, even when that is before the entity's own created_at (a data error that
    would otherwise count closes without their opens and drive the total negative).
    first_dates is a relation or CTE with one row per entity and its first activity date.
-#}
{% macro entity_days_from(first_dates, entity_column, first_date_column) -%}
    select
        {{ first_dates }}.{{ entity_column }},
        cast(calendar.date_day as date) as date_day
    from (
        {{ dbt.date_spine('day', "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)", dbt.dateadd('day', 1, as_of_date())) }}
    ) as calendar
    inner join {{ first_dates }}
        on cast(calendar.date_day as date) >= {{ first_dates }}.{{ first_date_column }}
{%- endmacro %}
