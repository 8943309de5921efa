{#- Pearson's correlation of two non-null columns over a group, NaN where it is undefined (fewer
    than two pairs, or a constant series), as DuckDB computes it; PostgreSQL and Spark return NULL
    there, so their value is made NaN too and every engine ranks and judges it alike. -#}
{% macro correlation(x, y) -%}
    {{ return(adapter.dispatch('correlation')(x, y)) }}
{%- endmacro %}
