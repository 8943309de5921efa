{#-
    Whether a value meets its target, reported beside (not mixed into) the status: a value can
    be GREEN yet below target (spec 000 5.1: target >80%, YELLOW only below 70%).
    target_comparison is one of >=, >, <=, <, between (target_min..target_max, inclusive).
    NULL when there is no value, no target or no comparison.
-#}
{% macro kpi_target_met(value, target_comparison, target_value, target_min, target_max) -%}
    case
        when {{ target_comparison }} = '>=' then {{ value }} >= {{ target_value }}
        when {{ target_comparison }} = '>' then {{ value }} > {{ target_value }}
        when {{ target_comparison }} = '<=' then {{ value }} <= {{ target_value }}
        when {{ target_comparison }} = '<' then {{ value }} < {{ target_value }}
        when {{ target_comparison }} = 'between'
            then {{ value }} >= {{ target_min }} and {{ value }} <= {{ target_max }}
    end
{%- endmacro %}
