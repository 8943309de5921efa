{#-
    One row of parameters per merchant (and per key, e.g. channel) from a parameter seed whose
    rows are either a merchant's own (merchant_id = the merchant) or the default for everyone
    (merchant_id = '*'). A merchant's own value replaces the default column by column; a blank
    inherits. Keys must exist in the default rows: a merchant can change a rule, not invent one.
    `parameters` and `merchants` are relations (ref() or CTE names); merchants has merchant_id.
-#}
{% macro merchant_parameters(parameters, merchants, value_columns, key_columns=[]) -%}
    select
        merchant_list.merchant_id,
        {%- for key in key_columns %}
        defaults.{{ key }},
        {%- endfor %}
        {%- for column in value_columns %}
        coalesce(own.{{ column }}, defaults.{{ column }}) as {{ column }}{{ "," if not loop.last }}
        {%- endfor %}
    from {{ merchants }} as merchant_list
    cross join {{ parameters }} as defaults
    left join {{ parameters }} as own
        on
            merchant_list.merchant_id = own.merchant_id
            {%- for key in key_columns %}
            and defaults.{{ key }} = own.{{ key }}
            {%- endfor %}
    where defaults.merchant_id = '*'
{%- endmacro %}
