-- Every KPI measure of every area in one shape; kpi_values classifies them. An area's
-- measures are included only when the source systems it reads are enabled (present).
{%- set areas = [
    {'name': 'sales', 'systems': ['storefront']},
    {'name': 'dq', 'systems': []},
    {'name': 'classicmodels', 'systems': ['classicmodels']},
    {'name': 'inventory', 'systems': ['storefront', 'inventory']},
    {'name': 'fulfillment', 'systems': ['storefront', 'fulfillment']},
    {'name': 'cx', 'systems': ['storefront', 'helpdesk']},
    {'name': 'ops', 'systems': ['storefront', 'ops']},
    {'name': 'retail', 'systems': ['retail']},
    {'name': 'hotel', 'systems': ['hotel']},
] -%}
{%- set enabled_areas = names_with_enabled_systems(areas) %}

with

{% for area in enabled_areas -%}
{{ area }} as (

    select * from {{ ref('kpi_measures__' ~ area) }}

),

{% endfor -%}
final as (

    {% for area in enabled_areas -%}
        select * from {{ area }}
        {%- if not loop.last %}
        union all
        {% endif -%}
    {%- else -%}
        {{ kpi_measure(
            kpi_id='none', relation='(select 1 as one) as no_area', value='null',
            entity_type='none', entity_id="'none'", grain='none', period_start='null', period_end='null'
        ) }}
        where 1 = 0
    {%- endfor %}

)

select * from final
