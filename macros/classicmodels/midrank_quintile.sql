{#-
    Tie-aware quintile score 1-5 of `value` over the rows of the relation, 5 = best (`best` is
    'highest' or 'lowest'). Mid-rank convention: a value scores the quintile in which the middle
    of its block of equal values falls, score = 1 + floor(5 * (rank - 1 + ties / 2) / n) with
    rank the position of the block's first row, ties its size and n the rows; it is pandas'
    rank(method='average') and the usual statistical treatment of ties. Equal values get equal
    scores (NTILE would cut a block of 43 equal order counts into three scores by id), and on
    distinct values it is the plain quintile of the position.
-#}
{% macro midrank_quintile(value, best) -%}
    {%- if best not in ['highest', 'lowest'] -%}
        {{ exceptions.raise_compiler_error("midrank_quintile: best must be 'highest' or 'lowest', got '" ~ best ~ "'") }}
    {%- endif -%}
    {%- set direction = 'asc' if best == 'highest' else 'desc' -%}
    cast(
        floor(
            5.0 * (2 * rank() over (order by {{ value }} {{ direction }}) - 2 + count(*) over (partition by {{ value }}))
            / (2 * count(*) over ())
        ) as {{ dbt.type_int() }}
    ) + 1
{%- endmacro %}
