{#-
    One row per trailing window of var kpi_trailing_windows and day of it: grain (the window's
    name), window_days and day_offset (0 = the window's last day). An event dated d counts in
    the window ending d + day_offset for every offset of that window; the rows with offset 0
    give each calendar day its periods. Joining events to these rows (an equality join after
    the event is shifted) is linear in the events, where a range join per day would not be.
-#}
{% macro trailing_window_days() -%}
    {%- for window in var('kpi_trailing_windows') %}
        select
            '{{ window.grain }}' as grain,
            {{ window.days }} as window_days,
            generated_number - 1 as day_offset
        from ({{ dbt.generate_series(window.days) }}) as window_series
        {%- if not loop.last %}
            union all
        {%- endif %}
    {%- endfor %}
{%- endmacro %}
