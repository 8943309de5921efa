{#- The calendar day, in a time zone, of a UTC timestamp (see local_timestamp). -#}
{% macro local_date(utc_timestamp, time_zone) -%}
    cast({{ local_timestamp(utc_timestamp, time_zone) }} as date)
{%- endmacro %}
