{#-
    On an incremental run, the first day an incremental daily fact recomputes: as_of minus
    var incremental_lookback_days (late and changed rows land within it), minus `context_days`
    more for the inputs of trailing windows (a 30-day sum needs the 29 days before the window).
    None on a full build or refresh, so `{% if window_start %}` filters only incremental runs.
-#}
{% macro incremental_window_start(context_days=0) -%}
    {%- if is_incremental() -%}
        {{- return(add_days(-(var('incremental_lookback_days') | int) - context_days, as_of_date())) -}}
    {%- endif -%}
    {{- return(none) -}}
{%- endmacro %}
