{#-
    A text timestamp as a UTC timestamp without time zone: an offset (2026-11-01T10:00:00+02:00)
    is honoured, a naive value is UTC (the raw-data contract), anything unparseable is NULL.
-#}
{% macro utc_timestamp(expression) -%}
    {{ return(adapter.dispatch('utc_timestamp')(expression)) }}
{%- endmacro %}
