-- The peer profile of every benchmarked entity (spec 001: "comparable merchants in your
-- category"), from the dimensions: a retail merchant's category is the one most of its SKUs
-- belong to (ties: the first by name); storefront merchants and hotels are one comparable set
-- each. Only the systems that are built contribute.
{%- set profiled = [] %}
{%- if source_system_enabled('retail') %}{% do profiled.append('retail') %}{% endif %}
{%- if source_system_enabled('storefront') %}{% do profiled.append('storefront') %}{% endif %}
{%- if source_system_enabled('hotel') %}{% do profiled.append('hotel') %}{% endif %}
-- noqa: disable=LT02
-- (The layout rule cannot follow CTEs that exist only when their system is built.)
with

{% if 'retail' in profiled -%}
retail_products as (

    select * from {{ ref('stg_retail__products') }}

),

retail_categories as (

    select
        merchant_id,
        category,
        row_number() over (partition by merchant_id order by count(*) desc, category) as category_rank
    from retail_products
    group by merchant_id, category

),

{% endif -%}
{% if 'storefront' in profiled -%}
storefront_merchants as (

    select * from {{ ref('stg_storefront__merchants') }}

),

{% endif -%}
{% if 'hotel' in profiled -%}
hotels as (

    select * from {{ ref('stg_hotel__hotels') }}

),

{% endif -%}
final as (

    {% if 'retail' in profiled -%}
        select
            'merchant' as entity_type,
            merchant_id as entity_id,
            {{ dbt.concat(["'retail:'", 'category']) }} as profile
        from retail_categories
        where category_rank = 1
    {%- endif %}
    {%- if 'storefront' in profiled %}
        {%- if 'retail' in profiled %}
            union all
        {%- endif %}
        select
            'merchant' as entity_type,
            merchant_id as entity_id,
            'storefront' as profile
        from storefront_merchants
    {%- endif %}
    {%- if 'hotel' in profiled %}
        {%- if profiled | length > 1 %}
            union all
        {%- endif %}
        select
            'hotel' as entity_type,
            hotel_id as entity_id,
            'hotel' as profile
        from hotels
    {%- endif %}
    {%- if not profiled %}
        select
            cast(null as {{ dbt.type_string() }}) as entity_type,
            cast(null as {{ dbt.type_string() }}) as entity_id,
            cast(null as {{ dbt.type_string() }}) as profile
        where 1 = 0
    {%- endif %}

)

select * from final
-- noqa: enable=LT02
