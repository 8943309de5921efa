{% macro default__create_engine_functions() -%}
    select 1 as no_engine_functions
{%- endmacro %}
