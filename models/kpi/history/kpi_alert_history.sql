{{ config(unique_key=['alert_id', 'as_of_date', 'event_order'], partition_by=['as_of_date'] if target.type == 'spark' else none) }}
-- When each alert opened, changed (type or severity) and recovered, kept across builds: an
-- incremental table that no full refresh drops (dbt_project.yml). Each build compares the
-- alerts of its as_of (kpi_alerts) with every alert's last event and appends only the changes,
-- so a rerun of the same night appends nothing: it compares with the events before that night
-- and yields the night's events whole (by key, or the night's partition on Spark).
with

alerts as (

    select * from {{ ref('kpi_alerts') }}

),

open_alerts as (

    -- Every alert whose last event before as_of is not a recovery; none on the first build.
    {% if is_incremental() %}
        select *
        from (
            select
                *,
                row_number() over (partition by alert_id order by as_of_date desc, event_order desc) as recency_rank
            from {{ this }}
            where as_of_date < {{ as_of_date() }}
        ) as last_events
        where recency_rank = 1 and alert_event <> 'recovered'
    {% else %}
        select
            alert_id,
            alert_type,
            severity,
            kpi_id,
            entity_type,
            entity_id,
            grain
        from alerts
        where 1 = 0
    {% endif %}

),

opened_or_changed as (

    select
        alerts.alert_id,
        case when open_alerts.alert_id is null then 'opened' else 'changed' end as alert_event,
        case when open_alerts.alert_id is null then 1 else 2 end as event_order,
        alerts.alert_type,
        alerts.severity,
        alerts.kpi_id,
        alerts.entity_type,
        alerts.entity_id,
        alerts.grain,
        alerts.period_start,
        alerts.value,
        alerts.status,
        alerts.as_of_date
    from alerts
    left join open_alerts
        on alerts.alert_id = open_alerts.alert_id
    where
        open_alerts.alert_id is null
        or open_alerts.alert_type <> alerts.alert_type
        or open_alerts.severity <> alerts.severity

),

recovered as (

    select
        open_alerts.alert_id,
        'recovered' as alert_event,
        3 as event_order,
        open_alerts.alert_type,
        open_alerts.severity,
        open_alerts.kpi_id,
        open_alerts.entity_type,
        open_alerts.entity_id,
        open_alerts.grain,
        cast(null as date) as period_start,
        cast(null as {{ dbt.type_float() }}) as value,  -- noqa: RF04
        cast(null as {{ dbt.type_string() }}) as status,
        {{ as_of_date() }} as as_of_date
    from open_alerts
    left join alerts
        on open_alerts.alert_id = alerts.alert_id
    where alerts.alert_id is null

),

final as (

    select * from opened_or_changed
    union all
    select * from recovered

)

select * from final
