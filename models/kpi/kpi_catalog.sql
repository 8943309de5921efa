-- The KPI catalog: one row per kpi_id with its definition, unit, direction, target and bands,
-- gathered from one seed per specification document.
with

spec_000 as (

    select * from {{ ref('kpi_catalog__spec_000') }}

),

spec_001 as (

    select * from {{ ref('kpi_catalog__spec_001') }}

),

spec_002 as (

    select * from {{ ref('kpi_catalog__spec_002') }}

),

spec_003 as (

    select * from {{ ref('kpi_catalog__spec_003') }}

),

final as (

    select * from spec_000
    union all
    select * from spec_001
    union all
    select * from spec_002
    union all
    select * from spec_003

)

select * from final
