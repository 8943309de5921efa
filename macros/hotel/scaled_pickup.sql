{#- Spec 003 pickup: current - reference OTB; when the reference extract is not exactly the
    window back (is_scaled), the difference is scaled to the window:
    (current - reference) / delta_days * window_days. NULL when the reference is NULL. -#}
{% macro scaled_pickup(current, reference, is_scaled, delta_days, window_days) -%}
    case
        when {{ is_scaled }} then ({{ current }} - {{ reference }}) * 1.0 / {{ delta_days }} * {{ window_days }}
        else {{ current }} - {{ reference }}
    end
{%- endmacro %}
