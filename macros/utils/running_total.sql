{#-
    Running totals of the incremental daily facts (orders pending, escalations open), which an
    incremental run computes over its window only, starting from the total before it.

    with_running_total: `relation` (one row per entity and date_day) with the running sum of
    `delta` per entity as `name`, plus `start`'s `name` (the total before the window) when given.
-#}
{% macro with_running_total(relation, delta, name, start=none, entity_column='merchant_id') -%}
    select
        {{ relation }}.*,
        {% if start -%} coalesce({{ start }}.{{ name }}, 0) + {% endif -%}
        sum({{ delta }}) over (
            partition by {{ relation }}.{{ entity_column }} order by {{ relation }}.date_day
            rows between unbounded preceding and current row
        ) as {{ name }}
    from {{ relation }}
    {%- if start %}
    left join {{ start }}
        on {{ relation }}.{{ entity_column }} = {{ start }}.{{ entity_column }}
    {%- endif %}
{%- endmacro %}

{#-
    running_total_before_window: the total a full build reaches on the day before window_start,
    per entity, as `name`: the rows of `rows` whose `added_date` is before it less those whose
    `removed_date` is, counted on the entity's days only (from its first date in `first_dates`
    on), as the full build's sum over its calendar counts them.
-#}
{% macro running_total_before_window(rows, first_dates, first_date_column, added_date, removed_date, window_start, name, entity_column='merchant_id') -%}
    select
        {{ rows }}.{{ entity_column }},
        {%- for date_column, sign in [(added_date, ''), (removed_date, '- ')] %}
        {{ sign }}sum(
            case
                when
                    {{ rows }}.{{ date_column }} >= {{ first_dates }}.{{ first_date_column }}
                    and {{ rows }}.{{ date_column }} < {{ window_start }}
                    then 1
                else 0
            end
        )
        {%- endfor %} as {{ name }}
    from {{ rows }}
    inner join {{ first_dates }}
        on {{ rows }}.{{ entity_column }} = {{ first_dates }}.{{ entity_column }}
    group by {{ rows }}.{{ entity_column }}
{%- endmacro %}
