{#-
    The one classification rule of every KPI: GREEN, YELLOW, RED, INFO or NO_DATA.

    - A NULL value is NO_DATA (a missing number is never a zero).
    - direction 'info', or no bound at all, is INFO: the KPI is shown, not judged.
    - RED bounds are strict (spec 000 writes "<$3,000 RED", ">20 RED"): RED when
      value < red_below or value > red_above.
    - YELLOW bounds are inclusive when yellow_inclusive (spec "$3,000-$4,000 YELLOW" makes
      $4,000 YELLOW) and strict otherwise (spec G.3 "<5% YELLOW" makes 5% GREEN).
    - Only the sides the direction watches count: higher_is_better uses the *_below bounds,
      lower_is_better the *_above bounds, target_band both.
-#}
{% macro classify_kpi_status(value, direction, red_below, yellow_below, yellow_above, red_above, yellow_inclusive) -%}
    case
        when {{ value }} is null then 'NO_DATA'
        when {{ direction }} = 'info'
            or coalesce({{ red_below }}, {{ yellow_below }}, {{ yellow_above }}, {{ red_above }}) is null
            then 'INFO'
        when {{ direction }} in ('higher_is_better', 'target_band') and {{ value }} < {{ red_below }}
            then 'RED'
        when {{ direction }} in ('lower_is_better', 'target_band') and {{ value }} > {{ red_above }}
            then 'RED'
        when {{ direction }} in ('higher_is_better', 'target_band')
            and (
                {{ value }} < {{ yellow_below }}
                or ({{ yellow_inclusive }} and {{ value }} = {{ yellow_below }})
            )
            then 'YELLOW'
        when {{ direction }} in ('lower_is_better', 'target_band')
            and (
                {{ value }} > {{ yellow_above }}
                or ({{ yellow_inclusive }} and {{ value }} = {{ yellow_above }})
            )
            then 'YELLOW'
        else 'GREEN'
    end
{%- endmacro %}
