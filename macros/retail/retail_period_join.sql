{#- The join condition between an entity-period spine and one retail_period_totals relation. -#}
{% macro retail_period_join(spine, totals) -%}
    {{ spine }}.entity_type = {{ totals }}.entity_type
    and {{ spine }}.entity_id = {{ totals }}.entity_id
    and {{ spine }}.grain = {{ totals }}.grain
    and {{ spine }}.period_start = {{ totals }}.period_start
{%- endmacro %}
