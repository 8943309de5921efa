-- The exceptions, and nothing else (spec 001: "normal performance generates no noise"): one row
-- per monitored KPI series (kpi_monitored_periods) whose latest period is
-- - a breach: RED or YELLOW for consecutive periods up to a latest RED one, at least
--   breach_periods of them, or up to a latest YELLOW one, at least yellow_breach_periods (a
--   warning must persist longer than an alarm to be an exception). A NO_DATA period, an
--   insufficient sample included, ends a run: an alert never rests on what was not judged;
-- - a trajectory: still GREEN, but its trend over the last lookback_periods crosses a bound
--   within horizon_periods. The trend is the Theil-Sen slope (the median of the slopes between
--   every pair of points): one outlier week cannot tilt it, as it tilts least squares. It counts
--   only when at least var kpi_trajectory_min_agreement of the pairwise slopes agree with its
--   sign (a monotone trend, not noise around a flat line), on at least 4 judged points making
--   up three quarters of the lookback. The projection is the median line, classified with the
--   KPI's own bands (macro classify_kpi_status).
-- A series whose inputs are not trusted (stale or CRITICAL, kpi_dashboard) is alert_type
-- 'untrusted', shown as such and never as a breach. Rank: severity, then leading indicators
-- before lagging ones (spec 001), then the longest breach.
with

periods as (

    select * from {{ ref('kpi_monitored_periods') }}

),

dashboard as (

    select * from {{ ref('kpi_dashboard') }}

),

correlation_warnings as (

    select * from {{ ref('kpi_correlations') }}
    where is_warning

),

likely_effects as (

    -- What an alerting KPI is likely to drag along (spec 001): the lagging KPIs it leads with a
    -- strong correlation while it degrades (kpi_correlations.is_warning), with their lag.
    select
        leading_kpi_id as kpi_id,
        entity_type,
        entity_id,
        {{ dbt.listagg(
            dbt.concat([
                'lagging_kpi_id', "' ('",
                "case when best_lag_periods = 0 then " ~ dbt.concat(["'same '", 'grain']) ~ " else "
                ~ dbt.concat(['cast(best_lag_periods as ' ~ dbt.type_string() ~ ')', "' '", 'grain', "'(s) later'"]) ~ " end",
                "')'"
            ]),
            "'; '",
            'order by lagging_kpi_id'
        ) }} as likely_to_follow
    from correlation_warnings
    group by leading_kpi_id, entity_type, entity_id

),

series_runs as (

    select
        *,
        max(period_number) over (partition by kpi_id, entity_type, entity_id, grain) as latest_period_number,
        max(case when status not in ('RED', 'YELLOW') then period_number end) over (
            partition by kpi_id, entity_type, entity_id, grain
        ) as last_unbreached_number
    from periods

),

latest as (

    select
        *,
        latest_period_number - coalesce(last_unbreached_number, 0) as periods_in_breach
    from series_runs
    where period_number = latest_period_number

),

breach_starts as (

    select
        latest.kpi_id,
        latest.entity_type,
        latest.entity_id,
        latest.grain,
        run_start.period_start as breach_started_on
    from latest
    inner join periods as run_start
        on
            latest.kpi_id = run_start.kpi_id
            and latest.entity_type = run_start.entity_type
            and latest.entity_id = run_start.entity_id
            and latest.grain = run_start.grain
            and run_start.period_number = coalesce(latest.last_unbreached_number, 0) + 1
    where
        (latest.status = 'RED' and latest.periods_in_breach >= latest.breach_periods)
        or (latest.status = 'YELLOW' and latest.periods_in_breach >= latest.yellow_breach_periods)

),

trend_points as (

    select
        periods.kpi_id,
        periods.entity_type,
        periods.entity_id,
        periods.grain,
        periods.period_number as x,
        periods.value as y
    from periods
    inner join latest
        on
            periods.kpi_id = latest.kpi_id
            and periods.entity_type = latest.entity_type
            and periods.entity_id = latest.entity_id
            and periods.grain = latest.grain
    where
        latest.status = 'GREEN'
        and periods.is_judged
        and periods.period_number > latest.latest_period_number - latest.lookback_periods

),

pair_slopes as (

    select
        earlier.kpi_id,
        earlier.entity_type,
        earlier.entity_id,
        earlier.grain,
        (later.y - earlier.y) / (later.x - earlier.x) as slope
    from trend_points as earlier
    inner join trend_points as later
        on
            earlier.kpi_id = later.kpi_id
            and earlier.entity_type = later.entity_type
            and earlier.entity_id = later.entity_id
            and earlier.grain = later.grain
            and earlier.x < later.x

),

slopes as (

    select
        kpi_id,
        entity_type,
        entity_id,
        grain,
        percentile_cont(0.5) within group (order by slope) as slope,
        count(*) as pair_count
    from pair_slopes
    group by kpi_id, entity_type, entity_id, grain

),

fits as (

    select
        slopes.kpi_id,
        slopes.entity_type,
        slopes.entity_id,
        slopes.grain,
        slopes.slope,
        count(distinct trend_points.x) as point_count,
        percentile_cont(0.5) within group (order by trend_points.y - slopes.slope * trend_points.x) as intercept
    from slopes
    inner join trend_points
        on
            slopes.kpi_id = trend_points.kpi_id
            and slopes.entity_type = trend_points.entity_type
            and slopes.entity_id = trend_points.entity_id
            and slopes.grain = trend_points.grain
    group by slopes.kpi_id, slopes.entity_type, slopes.entity_id, slopes.grain, slopes.slope

),

agreement as (

    select
        pair_slopes.kpi_id,
        pair_slopes.entity_type,
        pair_slopes.entity_id,
        pair_slopes.grain,
        avg(
            case when pair_slopes.slope * slopes.slope > 0 then 1.0 else 0.0 end
        ) as slope_agreement
    from pair_slopes
    inner join slopes
        on
            pair_slopes.kpi_id = slopes.kpi_id
            and pair_slopes.entity_type = slopes.entity_type
            and pair_slopes.entity_id = slopes.entity_id
            and pair_slopes.grain = slopes.grain
    group by pair_slopes.kpi_id, pair_slopes.entity_type, pair_slopes.entity_id, pair_slopes.grain

),

horizon as (

    select generated_number as periods_ahead
    from ({{ dbt.generate_series(var('kpi_trajectory_max_horizon')) }}) as horizon_series

),

projections as (

    select
        latest.kpi_id,
        latest.entity_type,
        latest.entity_id,
        latest.grain,
        horizon.periods_ahead,
        fits.slope,
        fits.point_count,
        agreement.slope_agreement,
        fits.intercept + fits.slope * (latest.latest_period_number + horizon.periods_ahead) as projected_value,
        {{ classify_kpi_status(
            'fits.intercept + fits.slope * (latest.latest_period_number + horizon.periods_ahead)',
            'latest.direction', 'latest.red_below', 'latest.yellow_below', 'latest.yellow_above',
            'latest.red_above', 'latest.yellow_inclusive'
        ) }} as projected_status
    from latest
    inner join fits
        on
            latest.kpi_id = fits.kpi_id
            and latest.entity_type = fits.entity_type
            and latest.entity_id = fits.entity_id
            and latest.grain = fits.grain
    inner join agreement
        on
            latest.kpi_id = agreement.kpi_id
            and latest.entity_type = agreement.entity_type
            and latest.entity_id = agreement.entity_id
            and latest.grain = agreement.grain
    inner join horizon
        on latest.horizon_periods >= horizon.periods_ahead
    where
        fits.point_count >= 4
        and fits.point_count * 4 >= latest.lookback_periods * 3
        and agreement.slope_agreement >= {{ var('kpi_trajectory_min_agreement') }}

),

first_crossings as (

    select
        kpi_id,
        entity_type,
        entity_id,
        grain,
        slope,
        point_count,
        slope_agreement,
        periods_ahead,
        projected_value,
        projected_status,
        row_number() over (partition by kpi_id, entity_type, entity_id, grain order by periods_ahead) as crossing_rank
    from projections
    where projected_status in ('RED', 'YELLOW')

),

candidates as (

    select
        latest.*,
        'breach' as candidate_type,
        breach_starts.breach_started_on,
        cast(null as {{ dbt.type_float() }}) as trend_slope,
        cast(null as {{ dbt.type_int() }}) as trend_points,
        cast(null as {{ dbt.type_float() }}) as trend_slope_agreement,
        cast(null as {{ dbt.type_int() }}) as periods_ahead,
        cast(null as {{ dbt.type_float() }}) as projected_value,
        cast(null as {{ dbt.type_string() }}) as projected_status
    from latest
    inner join breach_starts
        on
            latest.kpi_id = breach_starts.kpi_id
            and latest.entity_type = breach_starts.entity_type
            and latest.entity_id = breach_starts.entity_id
            and latest.grain = breach_starts.grain
    union all
    select
        latest.*,
        'trajectory' as candidate_type,
        cast(null as date) as breach_started_on,
        first_crossings.slope as trend_slope,
        first_crossings.point_count as trend_points,
        first_crossings.slope_agreement as trend_slope_agreement,
        first_crossings.periods_ahead,
        first_crossings.projected_value,
        first_crossings.projected_status
    from latest
    inner join first_crossings
        on
            latest.kpi_id = first_crossings.kpi_id
            and latest.entity_type = first_crossings.entity_type
            and latest.entity_id = first_crossings.entity_id
            and latest.grain = first_crossings.grain
    where first_crossings.crossing_rank = 1

),

classified as (

    select
        candidates.*,
        dashboard.trust_note,
        coalesce(dashboard.is_trusted, true) as is_trusted,
        case
            when candidates.candidate_type = 'trajectory' then candidates.trajectory_severity
            when candidates.status = 'RED' then candidates.red_severity
            else candidates.yellow_severity
        end as severity,
        -- The bound the value (or, for a trajectory, its projection) is beyond.
        case
            when
                coalesce(candidates.projected_status, candidates.status) = 'RED'
                and candidates.red_below is not null
                and coalesce(candidates.projected_value, candidates.value) < candidates.red_below
                then 'red_below'
            when coalesce(candidates.projected_status, candidates.status) = 'RED' then 'red_above'
            when
                candidates.yellow_below is not null
                and candidates.direction in ('higher_is_better', 'target_band')
                and coalesce(candidates.projected_value, candidates.value) <= candidates.yellow_below
                then 'yellow_below'
            else 'yellow_above'
        end as bound_crossed
    from candidates
    left join dashboard
        on
            candidates.kpi_id = dashboard.kpi_id
            and candidates.entity_type = dashboard.entity_type
            and candidates.entity_id = dashboard.entity_id

),

explained as (

    select
        classified.*,
        likely_effects.likely_to_follow
    from classified
    left join likely_effects
        on
            classified.kpi_id = likely_effects.kpi_id
            and classified.entity_type = likely_effects.entity_type
            and classified.entity_id = likely_effects.entity_id

),

final as (

    select
        {{ dbt.concat(['kpi_id', "'|'", 'entity_type', "'|'", 'entity_id', "'|'", 'grain']) }} as alert_id,
        case when is_trusted then candidate_type else 'untrusted' end as alert_type,
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
        status,
        severity,
        case severity when 'high' then 3 when 'medium' then 2 else 1 end as severity_rank,
        bound_crossed,
        case bound_crossed
            when 'red_below' then red_below
            when 'red_above' then red_above
            when 'yellow_below' then yellow_below
            else yellow_above
        end as bound_value,
        breach_started_on,
        case when candidate_type = 'breach' then periods_in_breach end as periods_in_breach,
        case when status = 'YELLOW' then yellow_breach_periods else breach_periods end as breach_periods,
        trend_slope,
        trend_points,
        trend_slope_agreement,
        periods_ahead,
        case
            when periods_ahead is null then null
            when grain = 'week' then {{ add_days('7 * periods_ahead', 'period_end') }}
            when grain in ('month', 'year_to_date') then cast({{ dbt.dateadd('month', 'periods_ahead', 'period_end') }} as date)
            when grain = 'year' then cast({{ dbt.dateadd('year', 'periods_ahead', 'period_end') }} as date)
            else {{ add_days('periods_ahead', 'period_end') }}
        end as projected_period_end,
        projected_value,
        projected_status,
        is_trusted,
        trust_note,
        likely_to_follow,
        row_number() over (
            order by
                case when is_trusted then 0 else 1 end,
                case severity when 'high' then 3 when 'medium' then 2 else 1 end desc,
                case when indicator_type = 'leading' then 0 else 1 end,
                periods_in_breach desc,
                kpi_id asc,
                entity_type asc,
                entity_id asc
        ) as alert_rank,
        as_of_date
    from explained

)

select * from final
