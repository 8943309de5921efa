-- Every KPI entity of spec 001 (merchant; merchant:vendor; merchant:category) on every ISO week,
-- calendar month and year-to-date, and on the trailing windows of var kpi_trailing_windows
-- longer than a day ending on each day, from the merchant's creation to as_of, so that a period
-- without activity exists (its KPIs NULL, shown as NO_DATA) instead of silently missing.
with

merchants as (

    select * from {{ ref('stg_retail__merchants') }}

),

vendors as (

    select * from {{ ref('stg_retail__vendors') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

calendar as (

    {{ dbt.date_spine('day', "cast('" ~ var('spine_start_date', '2000-01-01') ~ "' as date)", dbt.dateadd('day', 1, as_of_date())) }}

),

window_days as (

    {{ trailing_window_days() }}

),

periods as (

    select
        'week' as grain,
        cast({{ dbt.date_trunc('week', 'date_day') }} as date) as period_start
    from calendar
    union
    select
        'month' as grain,
        cast({{ dbt.date_trunc('month', 'date_day') }} as date) as period_start
    from calendar
    union
    select
        'year_to_date' as grain,
        cast({{ dbt.date_trunc('year', 'date_day') }} as date) as period_start
    from calendar

),

calendar_periods as (

    select
        grain,
        period_start,
        case
            when grain = 'week'
                then cast({{ dbt.dateadd('day', 6, 'period_start') }} as date)
            when grain = 'month'
                then cast({{ dbt.dateadd('day', -1, dbt.dateadd('month', 1, 'period_start')) }} as date)
            else cast({{ dbt.dateadd('day', -1, dbt.dateadd('year', 1, 'period_start')) }} as date)
        end as calendar_end
    from periods

),

trailing_periods as (

    -- The windows of tiny-cohort rates (vendor-months, shelf-audit weeks): one ending each day.
    select
        window_days.grain,
        {{ add_days('1 - window_days.window_days', 'calendar.date_day') }} as period_start,
        cast(calendar.date_day as date) as calendar_end
    from calendar
    cross join window_days
    where window_days.day_offset = 0 and window_days.window_days > 1

),

bounded_periods as (

    -- A period never ends after as_of: the current week or month is the part elapsed so far.
    select * from calendar_periods
    union all
    select * from trailing_periods

),

entities as (

    select
        merchant_id,
        'merchant' as entity_type,
        merchant_id as entity_id,
        cast(null as {{ dbt.type_string() }}) as vendor_id,
        cast(null as {{ dbt.type_string() }}) as category
    from merchants
    union all
    select
        merchant_id,
        'vendor' as entity_type,
        {{ dbt.concat(['merchant_id', "':'", 'vendor_id']) }} as entity_id,
        vendor_id,
        cast(null as {{ dbt.type_string() }}) as category
    from vendors
    union all
    select distinct
        merchant_id,
        'category' as entity_type,
        {{ dbt.concat(['merchant_id', "':'", 'category']) }} as entity_id,
        cast(null as {{ dbt.type_string() }}) as vendor_id,
        category
    from products

),

final as (

    select
        entities.merchant_id,
        entities.entity_type,
        entities.entity_id,
        entities.vendor_id,
        entities.category,
        bounded_periods.grain,
        bounded_periods.period_start,
        case
            when bounded_periods.calendar_end > {{ as_of_date() }} then {{ as_of_date() }}
            else bounded_periods.calendar_end
        end as period_end,
        {{ dbt.datediff('bounded_periods.period_start', 'least(bounded_periods.calendar_end, ' ~ as_of_date() ~ ')', 'day') }} + 1
            as days_in_period
    from entities
    inner join merchants
        on entities.merchant_id = merchants.merchant_id
    inner join bounded_periods
        on
            bounded_periods.calendar_end >= cast(merchants.created_at as date)
            and bounded_periods.period_start <= {{ as_of_date() }}

)

select * from final
