{#-
    A UTC timestamp (without time zone, as staging keeps them) as the wall-clock time of a time
    zone, e.g. a merchant's: its days, and the end of its as_of day, are the merchant's own. A
    NULL time zone reads as UTC. Postgres and DuckDB (ICU) share the default; Spark has
    from_utc_timestamp.
-#}
{% macro local_timestamp(utc_timestamp, time_zone) -%}
    {{ return(adapter.dispatch('local_timestamp')(utc_timestamp, time_zone)) }}
{%- endmacro %}
