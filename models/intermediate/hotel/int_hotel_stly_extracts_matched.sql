-- For each extract (hotel, as_of_date A) and lead-time cap, the same-time-last-year extract:
-- stay date X seen as of A compares with stay date X - 364 (same weekday) seen as of A - 364
-- (same lead time). When that extract is missing: the nearest extract within ± 7 days,
-- preferring the same weekday (A - 371, then A - 357) over nearer ones, then the nearest (the
-- earlier one on a tie). stly_is_approx whenever it is not A - 364 itself.
-- A reference extract must be taken on or before last year's stay date (later, the night is
-- history, not pace), so short lead times L = X - A < 7 allow only A - 371 .. A - 364 + L:
-- lead_cap = least(L, 7) keys that restriction (the fact joins on it).
with

extracts as (

    select * from {{ ref('int_hotel_extracts_listed') }}

),

lead_caps as (

    select generated_number - 1 as lead_cap
    from ({{ dbt.generate_series(8) }}) as numbers

),

targets as (

    select
        extracts.hotel_id,
        extracts.as_of_date,
        lead_caps.lead_cap,
        {{ add_days(-364, 'extracts.as_of_date') }} as target_as_of_date
    from extracts
    cross join lead_caps

),

candidates as (

    select
        targets.hotel_id,
        targets.as_of_date,
        targets.lead_cap,
        targets.target_as_of_date,
        references_.as_of_date as stly_as_of_date,
        row_number() over (
            partition by targets.hotel_id, targets.as_of_date, targets.lead_cap
            order by
                case
                    when references_.as_of_date = targets.target_as_of_date then 0
                    when abs({{ dbt.datediff('targets.target_as_of_date', 'references_.as_of_date', 'day') }}) = 7 then 1
                    else 2
                end asc,
                abs({{ dbt.datediff('targets.target_as_of_date', 'references_.as_of_date', 'day') }}) asc,
                references_.as_of_date asc
        ) as candidate_rank
    from targets
    inner join extracts as references_
        on
            targets.hotel_id = references_.hotel_id
            and references_.as_of_date >= {{ add_days(-7, 'targets.target_as_of_date') }}
            and references_.as_of_date <= {{ add_days('targets.lead_cap', 'targets.target_as_of_date') }}

),

final as (

    select
        hotel_id,
        as_of_date,
        lead_cap,
        stly_as_of_date,
        stly_as_of_date <> target_as_of_date as stly_is_approx
    from candidates
    where candidate_rank = 1

)

select * from final
