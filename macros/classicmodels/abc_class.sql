{#-
    ABC class of one row by its share of the running revenue total (spec 002): rows ranked by
    revenue, highest first (ties by `tie_breaker`), are A while the running share including the
    row is at most 70 %, B up to 90 %, C after (the row that crosses 70 % is B). Rows without
    revenue are C. A window expression: use it in the select of a grouped or detail relation.
-#}
{% macro abc_class(revenue, tie_breaker) -%}
    case
        when coalesce({{ revenue }}, 0) <= 0 then 'C'
        when sum({{ revenue }}) over (order by {{ revenue }} desc, {{ tie_breaker }} rows between unbounded preceding and current row)
            <= 0.7 * sum({{ revenue }}) over () then 'A'
        when sum({{ revenue }}) over (order by {{ revenue }} desc, {{ tie_breaker }} rows between unbounded preceding and current row)
            <= 0.9 * sum({{ revenue }}) over () then 'B'
        else 'C'
    end
{%- endmacro %}
