{#-
    Roll dated rows up to KPI periods: by default ISO weeks (Monday start) and calendar months
    (spec 001's grains; `grains` may add year_to_date, the calendar year so far), for the
    merchant and, when `breakdown` names one, for each vendor or category of it.
    `relation` needs merchant_id, the date column and the breakdown column (vendor_id or
    category); `aggregates` maps each output column to its aggregate expression, e.g.
    {'net_sales': 'sum(net_sales)'}. Output: merchant_id, entity_type, entity_id, grain,
    period_start and the aggregates, ready to join to int_retail_entity_periods_spined.
-#}
{% macro retail_period_totals(relation, date_column, aggregates, breakdown=none, grains=['week', 'month']) -%}
    {%- set levels = [('merchant', 'merchant_id')] -%}
    {%- if breakdown == 'vendor' -%}
        {%- do levels.append(('vendor', dbt.concat(['merchant_id', "':'", 'vendor_id']))) -%}
    {%- elif breakdown == 'category' -%}
        {%- do levels.append(('category', dbt.concat(['merchant_id', "':'", 'category']))) -%}
    {%- elif breakdown is not none -%}
        {{ exceptions.raise_compiler_error("retail_period_totals: breakdown must be vendor or category, got " ~ breakdown) }}
    {%- endif -%}
    {%- set truncations = {'week': 'week', 'month': 'month', 'year_to_date': 'year'} -%}
    {%- for grain in grains -%}
        {%- for entity_type, entity_id in levels %}
    select
        merchant_id,
        '{{ entity_type }}' as entity_type,
        {{ entity_id }} as entity_id,
        '{{ grain }}' as grain,
        cast({{ dbt.date_trunc(truncations[grain], date_column) }} as date) as period_start,
        {%- for alias, expression in aggregates.items() %}
        {{ expression }} as {{ alias }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ relation }}
    group by merchant_id, {{ entity_id }}, cast({{ dbt.date_trunc(truncations[grain], date_column) }} as date)
            {%- if not loop.last %}
    union all
            {%- endif -%}
        {%- endfor -%}
        {%- if not loop.last %}
    union all
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
