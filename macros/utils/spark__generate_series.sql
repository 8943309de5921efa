{#- Spark: dbt's default builds the numbers from powers of two, as doubles (power() is a double
    on Spark); a sequence gives integers, as DuckDB's generate_series does, in one scan. -#}
{% macro spark__generate_series(upper_bound) -%}
    select explode(sequence(1, {{ upper_bound }})) as generated_number
{%- endmacro %}
