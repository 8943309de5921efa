{#-
    Roll dated rows up to KPI periods: by default ISO weeks (Monday start) and calendar months
    (spec 001's grains; `grains` may add year_to_date, the calendar year so far, or a trailing
    window of var kpi_trailing_windows, e.g. rolling_30d: one period ending on each day), for the
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
    {%- set trailing = var('kpi_trailing_windows') | map(attribute='grain') | list -%}
    {%- for grain in grains -%}
        {%- if grain in trailing -%}
            {#- A row dated d counts in the window ending d + day_offset for each day of the window
                (macro trailing_window_days): an equality join, linear in the rows. -#}
            {%- set period_start = add_days('window_days.day_offset + 1 - window_days.window_days', date_column) -%}
            {%- set source = relation ~ ' cross join (' ~ trailing_window_days() ~ ') as window_days' -%}
            {%- set condition = "where window_days.grain = '" ~ grain ~ "'" -%}
        {%- elif grain in truncations -%}
            {%- set period_start = 'cast(' ~ dbt.date_trunc(truncations[grain], date_column) ~ ' as date)' -%}
            {%- set source, condition = relation, '' -%}
        {%- else -%}
            {{ exceptions.raise_compiler_error("retail_period_totals: unknown grain " ~ grain) }}
        {%- endif -%}
        {%- for entity_type, entity_id in levels %}
    select
        merchant_id,
        '{{ entity_type }}' as entity_type,
        {{ entity_id }} as entity_id,
        '{{ grain }}' as grain,
        {{ period_start }} as period_start,
        {%- for alias, expression in aggregates.items() %}
        {{ expression }} as {{ alias }}{{ ',' if not loop.last }}
        {%- endfor %}
    from {{ source }}
    {{ condition }}
    group by merchant_id, {{ entity_id }}, {{ period_start }}
            {%- if not loop.last %}
    union all
            {%- endif -%}
        {%- endfor -%}
        {%- if not loop.last %}
    union all
        {%- endif -%}
    {%- endfor -%}
{%- endmacro %}
