{% macro spark__local_timestamp(utc_timestamp, time_zone) -%}
    from_utc_timestamp({{ utc_timestamp }}, coalesce({{ time_zone }}, 'UTC'))
{%- endmacro %}
