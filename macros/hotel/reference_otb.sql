{#- An on-the-books value read from a reference extract (yesterday, a pickup window, STLY):
    NULL when there is no reference extract, else the value, where a stay date absent from the
    sparse OTB table is a true 0 (the extract exists and has nothing booked for that night). -#}
{% macro reference_otb(reference_as_of_date, value) -%}
    case when {{ reference_as_of_date }} is not null then coalesce({{ value }}, 0) end
{%- endmacro %}
