-- Every period of every monitored KPI series (KPI, entity, at its monitored grain), numbered
-- within the series, with the alert rule that applies to it: the most specific row of seed
-- kpi_alert_rules (the entity's, else the KPI's, else the default), column by column, and the
-- grain's periods (seed kpi_alert_grain_defaults) where the rule leaves them blank.
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

catalog as (

    select * from {{ ref('kpi_catalog') }}

),

rules as (

    select * from {{ ref('kpi_alert_rules') }}

),

grain_defaults as (

    select * from {{ ref('kpi_alert_grain_defaults') }}

),

series_rules as (

    select
        kpi_values.*,
        catalog.kpi_name,
        catalog.domain,
        catalog.indicator_type,
        coalesce(entity_rule.monitored_grain, kpi_rule.monitored_grain, default_rule.monitored_grain, catalog.dashboard_grain)
            as monitored_grain,
        coalesce(entity_rule.breach_periods, kpi_rule.breach_periods, default_rule.breach_periods) as rule_breach_periods,
        coalesce(entity_rule.yellow_breach_periods, kpi_rule.yellow_breach_periods, default_rule.yellow_breach_periods)
            as rule_yellow_breach_periods,
        coalesce(
            entity_rule.trajectory_lookback_periods, kpi_rule.trajectory_lookback_periods, default_rule.trajectory_lookback_periods
        ) as rule_lookback_periods,
        coalesce(
            entity_rule.trajectory_horizon_periods, kpi_rule.trajectory_horizon_periods, default_rule.trajectory_horizon_periods
        ) as rule_horizon_periods,
        coalesce(entity_rule.red_severity, kpi_rule.red_severity, default_rule.red_severity) as red_severity,
        coalesce(entity_rule.yellow_severity, kpi_rule.yellow_severity, default_rule.yellow_severity) as yellow_severity,
        coalesce(entity_rule.trajectory_severity, kpi_rule.trajectory_severity, default_rule.trajectory_severity)
            as trajectory_severity
    from kpi_values
    inner join catalog
        on kpi_values.kpi_id = catalog.kpi_id
    inner join rules as default_rule
        on default_rule.kpi_id = '*' and default_rule.entity_type = '*' and default_rule.entity_id = '*'
    left join rules as kpi_rule
        on kpi_values.kpi_id = kpi_rule.kpi_id and kpi_rule.entity_type = '*' and kpi_rule.entity_id = '*'
    left join rules as entity_rule
        on
            kpi_values.kpi_id = entity_rule.kpi_id
            and kpi_values.entity_type = entity_rule.entity_type
            and kpi_values.entity_id = entity_rule.entity_id

),

monitored as (

    select
        series_rules.*,
        coalesce(series_rules.rule_breach_periods, grain_defaults.breach_periods) as breach_periods,
        coalesce(series_rules.rule_yellow_breach_periods, grain_defaults.yellow_breach_periods) as yellow_breach_periods,
        coalesce(series_rules.rule_lookback_periods, grain_defaults.trajectory_lookback_periods) as lookback_periods,
        coalesce(series_rules.rule_horizon_periods, grain_defaults.trajectory_horizon_periods) as horizon_periods
    from series_rules
    inner join grain_defaults
        on series_rules.monitored_grain = grain_defaults.grain
    where series_rules.grain = series_rules.monitored_grain

),

final as (

    select
        kpi_id,
        kpi_name,
        domain,
        indicator_type,
        entity_type,
        entity_id,
        grain,
        period_start,
        period_end,
        value,
        sample_size,
        unit,
        direction,
        red_below,
        yellow_below,
        yellow_above,
        red_above,
        yellow_inclusive,
        status,
        status_reason,
        breach_periods,
        yellow_breach_periods,
        lookback_periods,
        horizon_periods,
        red_severity,
        yellow_severity,
        trajectory_severity,
        as_of_date,
        row_number() over (partition by kpi_id, entity_type, entity_id, grain order by period_start) as period_number,
        status in ('GREEN', 'YELLOW', 'RED') as is_judged
    from monitored

)

select * from final
