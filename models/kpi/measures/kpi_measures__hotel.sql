{{ config(enabled=source_system_enabled('hotel')) }}
-- Spec 003 hotel revenue-management KPIs per hotel, every period up to as_of: actuals per night
-- and month (month-to-date for the current one), and the on-the-books summary of the next 30
-- stay dates per extract day (period = the extract's day, so a period never ends after as_of).
{%- set windows = var('hotel_pickup_windows') %}
{%- set actuals = [
    ('room_revenue', 'room_revenue'),
    ('room_nights', 'rooms_sold'),
    ('adr', 'adr'),
    ('occupancy', 'occupancy_pct'),
    ('revpar', 'revpar'),
] %}
{%- set otb_next_30d = [
    ('otb_room_revenue_next_30d', 'room_revenue_otb'),
    ('otb_room_nights_next_30d', 'rooms_otb'),
    ('otb_adr_next_30d', 'adr_otb'),
    ('otb_occupancy_next_30d', 'occupancy_pct_otb'),
    ('otb_revpar_next_30d', 'revpar_otb'),
    ('remaining_supply_tonight', 'remaining_supply_tonight'),
    ('remaining_supply_next_30d', 'remaining_supply'),
    ('dod_rooms_next_30d', 'dod_delta_rooms'),
    ('dod_revenue_next_30d', 'dod_delta_rev'),
    ('pace_rooms_vs_stly_next_30d', 'pace_rooms'),
    ('pace_rooms_vs_stly_pct_next_30d', 'pace_rooms_pct'),
    ('pace_revenue_vs_stly_next_30d', 'pace_rev'),
    ('pace_revenue_vs_stly_pct_next_30d', 'pace_rev_pct'),
] %}
{%- for window in windows %}
    {%- do otb_next_30d.append(('pickup_rooms_' ~ window.days ~ 'd_next_30d', 'pickup_' ~ window.days ~ 'd_rooms')) %}
    {%- do otb_next_30d.append(('pickup_revenue_' ~ window.days ~ 'd_next_30d', 'pickup_' ~ window.days ~ 'd_rev')) %}
{%- endfor %}
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

measures as (

    {% for metric, column in actuals -%}
        {{ kpi_measure('hotel.' ~ metric, 'actuals_daily', 'hotel', 'hotel_id', 'day', 'stay_date', 'stay_date', column) }}
        union all
        {{ kpi_measure('hotel.' ~ metric, 'actuals_monthly', 'hotel', 'hotel_id', 'month', 'month_start', 'period_end', column) }}
        union all
    {% endfor -%}
    {% for metric, column in otb_next_30d -%}
        {{ kpi_measure('hotel.' ~ metric, 'otb_next_30d', 'hotel', 'hotel_id', 'day', 'as_of_date', 'as_of_date', column) }}
        {%- if not loop.last %}
            union all
        {% endif -%}
    {% endfor %}

),

final as (

    select * from measures

)

select * from final
