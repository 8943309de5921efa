{#-
    ABC class of one row by its share of the running revenue total (spec 002): rows ranked by
    revenue, highest first (ties by `tie_breaker`), are A while the running share *before* the
    row is below 70 %, B below 90 %, C after. So the row that crosses 70 % (90 %) is A (B): A is
    the fewest top rows that make at least 70 % of revenue, the Pareto reading of "top 70 %".
    Rows without revenue are C. A window expression: use it in the select of a grouped or
    detail relation; the window is every row of that relation.
-#}
{% macro abc_class(revenue, tie_breaker) -%}
    {%- set revenue_before -%}
        sum({{ revenue }}) over (order by {{ revenue }} desc, {{ tie_breaker }} rows between unbounded preceding and current row)
        - {{ revenue }}
    {%- endset -%}
    case
        when coalesce({{ revenue }}, 0) <= 0 then 'C'
        when {{ revenue_before }} < 0.7 * sum({{ revenue }}) over () then 'A'
        when {{ revenue_before }} < 0.9 * sum({{ revenue }}) over () then 'B'
        else 'C'
    end
{%- endmacro %}
