{#-
    One KPI's rows in the measure shape every kpi_measures__<area> model unions:
    kpi_id, entity_type, entity_id, grain, period_start, period_end, value, sample_size,
    target_value. Called with keyword arguments, once per kpi_id, so that grepping an id finds
    the model (relation) and column (value) that produce it.

    - relation: an import CTE of the area model; value, entity_id, the periods, sample_size and
      target_value are SQL expressions over it.
    - entity_type and grain: a literal, or a list of them when the relation is long-form (has
      entity_type and grain columns, as the retail marts do); the rows are then those listed.
    - sample_size: the denominator actually used (orders due, conversations scored, deliveries,
      ...) of a ratio, average or median; kpi_values judges it against the catalog's minimum.
    - target_value: only for targets that move with the period (e.g. a pro-rated year-to-date
      target); fixed ones are catalog data.
    - red_below, yellow_below, yellow_above, red_above: only for bands that move with the row
      (e.g. a fraction of a category's own target); kpi_values applies them between the
      entity's override and the catalog.
    - where: an optional filter over the relation.
-#}
{% macro kpi_measure(
    kpi_id, relation, value, entity_type, entity_id, grain, period_start, period_end,
    sample_size='null', target_value='null', red_below='null', yellow_below='null', yellow_above='null',
    red_above='null', where=none
) -%}
    {%- set conditions = [] -%}
    {%- if entity_type is not string -%}
        {%- do conditions.append("entity_type in ('" ~ entity_type | join("', '") ~ "')") -%}
    {%- endif -%}
    {%- if grain is not string -%}
        {%- do conditions.append("grain in ('" ~ grain | join("', '") ~ "')") -%}
    {%- endif -%}
    {%- if where is not none -%}
        {%- do conditions.append(where) -%}
    {%- endif %}
    select
        '{{ kpi_id }}' as kpi_id,
        cast({{ "'" ~ entity_type ~ "'" if entity_type is string else 'entity_type' }} as {{ dbt.type_string() }}) as entity_type,
        cast({{ entity_id }} as {{ dbt.type_string() }}) as entity_id,
        cast({{ "'" ~ grain ~ "'" if grain is string else 'grain' }} as {{ dbt.type_string() }}) as grain,
        cast({{ period_start }} as date) as period_start,
        cast({{ period_end }} as date) as period_end,
        cast({{ value }} as {{ dbt.type_float() }}) as value,
        cast({{ sample_size }} as {{ dbt.type_bigint() }}) as sample_size,
        cast({{ target_value }} as {{ dbt.type_float() }}) as target_value,
        cast({{ red_below }} as {{ dbt.type_float() }}) as red_below,
        cast({{ yellow_below }} as {{ dbt.type_float() }}) as yellow_below,
        cast({{ yellow_above }} as {{ dbt.type_float() }}) as yellow_above,
        cast({{ red_above }} as {{ dbt.type_float() }}) as red_above
    from {{ relation }}
    {%- if conditions %}
    where {{ conditions | join(' and ') }}
    {%- endif %}
{%- endmacro %}
