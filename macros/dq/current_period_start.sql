{#-
    The first day of the current period of a KPI grain, as of as_of: what kpi_dashboard shows
    for a KPI whose data reaches as_of. A SQL case over a grain column: calendar grains start at
    their truncation of as_of, trailing windows (var kpi_trailing_windows) that many days back.
-#}
{% macro current_period_start(grain_column) -%}
    {%- set calendar = {'week': 'week', 'month': 'month', 'quarter': 'quarter', 'year': 'year', 'year_to_date': 'year'} -%}
    case
        {%- for grain, truncation in calendar.items() %}
            when {{ grain_column }} = '{{ grain }}' then cast({{ dbt.date_trunc(truncation, as_of_date()) }} as date)
        {%- endfor %}
        {%- for window in var('kpi_trailing_windows') %}
            when {{ grain_column }} = '{{ window.grain }}' then {{ add_days(1 - window.days, as_of_date()) }}
        {%- endfor %}
    end
{%- endmacro %}
