{#- PostgreSQL: kpi_try_cast(text, null::type), a cast that returns NULL instead of failing
    (postgres__safe_cast). The type is the second argument's, so one function serves all. -#}
{% macro postgres__create_engine_functions() -%}
    create schema if not exists {{ target.schema }};
    create or replace function {{ target.schema }}.kpi_try_cast(value text, type_of anyelement)
    returns anyelement language plpgsql immutable parallel safe as $$
    begin
        execute format('select cast(%L as %s)', value, pg_typeof(type_of)) into type_of;
        return type_of;
    exception when others then
        return null;
    end
    $$
{%- endmacro %}
