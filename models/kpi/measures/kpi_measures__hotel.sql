{{ config(enabled=source_system_enabled('hotel')) }}
-- Spec 003 hotel revenue-management KPIs per hotel, every period up to as_of: actuals per night
-- and month (month-to-date for the current one), and the on-the-books summary of the next 30
-- stay dates per extract day (period = the extract's day, so a period never ends after as_of).
{%- set hotel_periods = {'entity_type': 'hotel', 'entity_id': 'hotel_id', 'grain': ['day', 'month'], 'period_start': 'period_start', 'period_end': 'period_end'} %}
{%- set budget_yellow_ratio = var('hotel_budget_yellow_below_pct') / 100 %}
{%- set budget_red_ratio = var('hotel_budget_red_below_pct') / 100 %}
{%- set hotel_extract_day = {'entity_type': 'hotel', 'entity_id': 'hotel_id', 'grain': 'day', 'period_start': 'as_of_date', 'period_end': 'as_of_date'} %}
with

actuals_daily as (

    select * from {{ ref('fct_hotel_actuals_daily') }}

),

actuals_monthly as (

    select * from {{ ref('fct_hotel_actuals_monthly') }}

),

otb_next_30d as (

    select * from {{ ref('fct_hotel_otb_next_30d') }}

),

budgets as (

    select * from {{ ref('hotel_targets') }}

),

actuals as (

    -- Nights and months in one shape, so each actuals KPI below is declared once.
    select
        hotel_id,
        'day' as grain,
        stay_date as period_start,
        stay_date as period_end,
        capacity as available_room_nights,
        rooms_sold,
        room_revenue,
        adr,
        occupancy_pct,
        revpar
    from actuals_daily
    union all
    select
        hotel_id,
        'month' as grain,
        month_start as period_start,
        period_end,
        available_room_nights,
        rooms_sold,
        room_revenue,
        adr,
        occupancy_pct,
        revpar
    from actuals_monthly

),

budgeted_actuals as (

    -- A month is judged against its hotel's budget for that calendar month (seed hotel_targets):
    -- on plan within 5 % under it, YELLOW further under, RED under 90 % of it (vars
    -- hotel_budget_*_below_pct). A night is not judged against a monthly budget.
    select
        actuals.*,
        budgets.target_occupancy_pct,
        budgets.target_adr_usd,
        budgets.target_revpar_usd
    from actuals
    left join budgets
        on
            actuals.hotel_id = budgets.hotel_id
            and actuals.grain = 'month'
            and extract(month from actuals.period_start) = budgets.month

),

measures as (

    {{ kpi_measure(kpi_id='hotel.room_revenue', relation='actuals', value='room_revenue', **hotel_periods) }}
    union all
    {{ kpi_measure(kpi_id='hotel.room_nights', relation='actuals', value='rooms_sold', **hotel_periods) }}
    union all
    {{ kpi_measure(
        kpi_id='hotel.adr', relation='budgeted_actuals', value='adr', sample_size='rooms_sold',
        target_value='target_adr_usd', yellow_below='target_adr_usd * ' ~ budget_yellow_ratio, red_below='target_adr_usd * ' ~ budget_red_ratio, **hotel_periods
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='hotel.occupancy', relation='budgeted_actuals', value='occupancy_pct', sample_size='available_room_nights',
        target_value='target_occupancy_pct', yellow_below='target_occupancy_pct * ' ~ budget_yellow_ratio, red_below='target_occupancy_pct * ' ~ budget_red_ratio, **hotel_periods
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='hotel.revpar', relation='budgeted_actuals', value='revpar', sample_size='available_room_nights',
        target_value='target_revpar_usd', yellow_below='target_revpar_usd * ' ~ budget_yellow_ratio, red_below='target_revpar_usd * ' ~ budget_red_ratio, **hotel_periods
    ) }}
    union all
    {{ kpi_measure(kpi_id='hotel.otb_room_revenue_next_30d', relation='otb_next_30d', value='room_revenue_otb', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.otb_room_nights_next_30d', relation='otb_next_30d', value='rooms_otb', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.otb_adr_next_30d', relation='otb_next_30d', value='adr_otb', sample_size='rooms_otb', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.otb_occupancy_next_30d', relation='otb_next_30d', value='occupancy_pct_otb', sample_size='available_room_nights', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.otb_revpar_next_30d', relation='otb_next_30d', value='revpar_otb', sample_size='available_room_nights', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.remaining_supply_tonight', relation='otb_next_30d', value='remaining_supply_tonight', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.remaining_supply_next_30d', relation='otb_next_30d', value='remaining_supply', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.dod_rooms_next_30d', relation='otb_next_30d', value='dod_delta_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.dod_revenue_next_30d', relation='otb_next_30d', value='dod_delta_rev', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pace_rooms_vs_stly_next_30d', relation='otb_next_30d', value='pace_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pace_rooms_vs_stly_pct_next_30d', relation='otb_next_30d', value='pace_rooms_pct', sample_size='stly_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pace_revenue_vs_stly_next_30d', relation='otb_next_30d', value='pace_rev', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pace_revenue_vs_stly_pct_next_30d', relation='otb_next_30d', value='pace_rev_pct', sample_size='stly_rooms', **hotel_extract_day) }}
    -- One pair per window of var hotel_pickup_windows (30, 15, 7, 5 and 3 days back).
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_rooms_30d_next_30d', relation='otb_next_30d', value='pickup_30d_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_revenue_30d_next_30d', relation='otb_next_30d', value='pickup_30d_rev', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_rooms_15d_next_30d', relation='otb_next_30d', value='pickup_15d_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_revenue_15d_next_30d', relation='otb_next_30d', value='pickup_15d_rev', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_rooms_7d_next_30d', relation='otb_next_30d', value='pickup_7d_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_revenue_7d_next_30d', relation='otb_next_30d', value='pickup_7d_rev', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_rooms_5d_next_30d', relation='otb_next_30d', value='pickup_5d_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_revenue_5d_next_30d', relation='otb_next_30d', value='pickup_5d_rev', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_rooms_3d_next_30d', relation='otb_next_30d', value='pickup_3d_rooms', **hotel_extract_day) }}
    union all
    {{ kpi_measure(kpi_id='hotel.pickup_revenue_3d_next_30d', relation='otb_next_30d', value='pickup_3d_rev', **hotel_extract_day) }}

),

final as (

    select * from measures

)

select * from final
