{#- Spark: dbt-spark's listagg ignores the order (collect_list has none), so the joined texts
    came out in any order; Spark 4 has LISTAGG ... WITHIN GROUP, as DuckDB and PostgreSQL order. -#}
{% macro spark__listagg(measure, delimiter_text, order_by_clause, limit_num) -%}
    {%- if limit_num -%}
        {{ exceptions.raise_compiler_error("listagg: limit_num is not implemented on Spark") }}
    {%- endif -%}
    listagg({{ measure }}, {{ delimiter_text }}){% if order_by_clause %} within group ({{ order_by_clause }}){% endif %}
{%- endmacro %}
