-- Every raw row any staging model kept out of its clean model, across source systems, with
-- the reason code and detail. Nothing is dropped silently: these rows are counted in fct_dq_issues.
with

quarantined as (

    select * from {{ ref('int_quarantined_records_unioned') }}

),

final as (

    select * from quarantined

)

select * from final
