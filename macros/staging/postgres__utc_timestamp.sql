{#- PostgreSQL: as DuckDB, an offset goes through timestamptz and is read back in UTC; a naive
    value is cast as it is (a cast to timestamp would drop an offset silently). -#}
{% macro postgres__utc_timestamp(expression) -%}
    case
        when {{ expression }} ~ ':[0-9]{2}(\.[0-9]*)? ?([+-][0-9]{2}(:?[0-9]{2})?|[zZ])$'
            then {{ dbt.safe_cast(expression, 'timestamptz') }} at time zone 'UTC'
        else {{ dbt.safe_cast(expression, 'timestamp') }}
    end
{%- endmacro %}
