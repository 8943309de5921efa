{#- DuckDB: a cast to TIMESTAMP drops an offset, so a value with one goes through TIMESTAMPTZ
    (read back in UTC); a naive value is cast as it is, never through the session time zone. -#}
{% macro duckdb__utc_timestamp(expression) -%}
    case
        when regexp_matches({{ expression }}, ':[0-9]{2}(\.[0-9]*)? ?([+-][0-9]{2}(:?[0-9]{2})?|[zZ])$')
            then timezone('UTC', try_cast({{ expression }} as timestamptz))
        else try_cast({{ expression }} as timestamp)
    end
{%- endmacro %}
