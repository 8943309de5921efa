-- For each extract (hotel, as_of_date) and look-back window, the reference extract to compare
-- with: the extract window_days earlier, or when it is missing the nearest one within
-- ± tolerance_days (the earlier one on a tie), whose difference is then scaled to the window.
-- Windows: the pickup windows of var hotel_pickup_windows, and day-over-day (1 day, no
-- tolerance: DOD is NULL when yesterday's extract is missing). No row = no reference.
with

extracts as (

    select * from {{ ref('int_hotel_extracts_listed') }}

),

windows as (

    select
        'dod' as reference_kind,
        1 as window_days,
        0 as tolerance_days
    {%- for window in var('hotel_pickup_windows') %}
        union all
        select
            'pickup' as reference_kind,
            {{ window.days }} as window_days,
            {{ window.tolerance_days }} as tolerance_days
    {%- endfor %}

),

targets as (

    select
        extracts.hotel_id,
        extracts.as_of_date,
        windows.reference_kind,
        windows.window_days,
        windows.tolerance_days,
        {{ add_days('-1 * windows.window_days', 'extracts.as_of_date') }} as target_as_of_date
    from extracts
    cross join windows

),

candidates as (

    select
        targets.hotel_id,
        targets.as_of_date,
        targets.reference_kind,
        targets.window_days,
        references_.as_of_date as ref_as_of_date,
        row_number() over (
            partition by targets.hotel_id, targets.as_of_date, targets.reference_kind, targets.window_days
            order by
                abs({{ dbt.datediff('targets.target_as_of_date', 'references_.as_of_date', 'day') }}) asc,
                references_.as_of_date asc
        ) as candidate_rank
    from targets
    inner join extracts as references_
        on
            targets.hotel_id = references_.hotel_id
            and references_.as_of_date >= {{ add_days('-1 * targets.tolerance_days', 'targets.target_as_of_date') }}
            and references_.as_of_date <= {{ add_days('targets.tolerance_days', 'targets.target_as_of_date') }}

),

final as (

    select
        hotel_id,
        as_of_date,
        reference_kind,
        window_days,
        ref_as_of_date,
        {{ dbt.datediff('ref_as_of_date', 'as_of_date', 'day') }} as ref_delta_days,
        {{ dbt.datediff('ref_as_of_date', 'as_of_date', 'day') }} <> window_days as is_scaled
    from candidates
    where candidate_rank = 1

)

select * from final
