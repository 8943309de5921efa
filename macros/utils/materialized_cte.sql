{#- The keyword that makes an engine compute a CTE once for all its readers ('' where the engine
    decides alone): a CTE read twice would otherwise be recomputed, typing a raw file twice. -#}
{% macro materialized_cte() -%}
    {{ return(adapter.dispatch('materialized_cte')()) }}
{%- endmacro %}
