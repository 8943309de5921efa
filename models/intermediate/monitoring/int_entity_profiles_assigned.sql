-- The peer profile of every benchmarked entity (spec 001: "comparable merchants in your
-- category"), from the dimensions: a retail merchant's profile is the merchandise family
-- (seed retail_category_targets.peer_family: hardlines, softlines) most of its SKUs belong to
-- (ties: the first by name; a category without a family is its own); storefront merchants and
-- hotels are one comparable set each. Only the systems that are built contribute.
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

category_families as (

    select * from {{ ref('retail_category_targets') }}

),

retail_families as (

    select
        retail_products.merchant_id,
        coalesce(category_families.peer_family, retail_products.category) as peer_family,
        row_number() over (
            partition by retail_products.merchant_id
            order by count(*) desc, coalesce(category_families.peer_family, retail_products.category)
        ) as family_rank
    from retail_products
    left join category_families
        on retail_products.category = category_families.category
    group by retail_products.merchant_id, coalesce(category_families.peer_family, retail_products.category)

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
            {{ dbt.concat(["'retail:'", 'peer_family']) }} as profile
        from retail_families
        where family_rank = 1
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
