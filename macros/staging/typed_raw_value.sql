{#-
    A cleaned raw text value typed as the contract says (string, integer, numeric, date,
    timestamp, boolean). A value that does not fit its type becomes NULL, and base_model
    quarantines the row: an integer must be whole (2.5 is not silently rounded to 3),
    a boolean price is not a number, a timestamp with an offset is converted to UTC.
-#}
{% macro typed_raw_value(expression, data_type) -%}
    {%- if data_type == 'integer' -%}
        case
            when {{ dbt.safe_cast(expression, dbt.type_numeric()) }} = floor({{ dbt.safe_cast(expression, dbt.type_numeric()) }})
                then {{ dbt.safe_cast(expression, dbt.type_int()) }}
        end
    {%- elif data_type == 'numeric' -%}
        {{ dbt.safe_cast(expression, dbt.type_numeric()) }}
    {%- elif data_type == 'date' -%}
        {{ dbt.safe_cast(expression, 'date') }}
    {%- elif data_type == 'timestamp' -%}
        {{ utc_timestamp(expression) }}
    {%- elif data_type == 'boolean' -%}
        {{ dbt.safe_cast(expression, dbt.type_boolean()) }}
    {%- elif data_type == 'string' -%}
        {{ expression }}
    {%- else -%}
        {{ exceptions.raise_compiler_error("unknown contract data_type '" ~ data_type ~ "'") }}
    {%- endif -%}
{%- endmacro %}
