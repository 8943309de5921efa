-- Every KPI measure of every area in one shape; kpi_values classifies them. A new area adds
-- its kpi_measures__<area> model here.
with

sales as (

    select * from {{ ref('kpi_measures__sales') }}

),

final as (

    select * from sales

)

select * from final
