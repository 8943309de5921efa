{% macro default__local_timestamp(utc_timestamp, time_zone) -%}
    (({{ utc_timestamp }}) at time zone 'UTC') at time zone coalesce({{ time_zone }}, 'UTC')
{%- endmacro %}
