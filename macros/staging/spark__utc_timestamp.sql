{#- Spark: a cast honours an offset and reads a naive value in the session time zone, which the
    spark target pins to UTC (profiles.yml); with ANSI off (dbt-spark) a bad value is NULL. -#}
{% macro spark__utc_timestamp(expression) -%}
    {{ dbt.safe_cast(expression, 'timestamp') }}
{%- endmacro %}
