-- Leading -> lagging correlations (spec 001, Standard tier): per declared pair (seed
-- kpi_correlation_pairs) and entity, the Pearson correlation (pearson_r) of the leading KPI's last
-- var kpi_correlation_periods periods with the lagging KPI lag periods later, at the lag 0 ..
-- var kpi_correlation_max_lag that fits best in the expected direction, with the number of
-- pairs. A pair is strong when |r| reaches var kpi_correlation_min_strength in the expected
-- direction over at least var kpi_correlation_min_pairs pairs; it warns when it is strong and
-- the leading KPI is degrading (its latest value worse than its median over the window, by its
-- direction), so an alert can say what is likely to follow.
with

kpi_values as (

    select * from {{ ref('kpi_values') }}

),

pairs as (

    select * from {{ ref('kpi_correlation_pairs') }}

),

lags as (

    select generated_number - 1 as lag_periods
    from ({{ dbt.generate_series(var('kpi_correlation_max_lag') + 1) }}) as lag_series

),

leading_window as (

    select
        pairs.leading_kpi_id,
        pairs.lagging_kpi_id,
        pairs.expected_sign,
        kpi_values.entity_type,
        kpi_values.entity_id,
        kpi_values.grain,
        kpi_values.period_start,
        kpi_values.value,
        kpi_values.direction,
        row_number() over (
            partition by pairs.leading_kpi_id, pairs.lagging_kpi_id, kpi_values.entity_id, kpi_values.grain
            order by kpi_values.period_start desc
        ) as periods_back
    from pairs
    inner join kpi_values
        on
            pairs.leading_kpi_id = kpi_values.kpi_id
            and pairs.entity_type = kpi_values.entity_type
            and pairs.grain = kpi_values.grain
    where kpi_values.value is not null

),

lagged_pairs as (

    select
        leading_window.leading_kpi_id,
        leading_window.lagging_kpi_id,
        leading_window.expected_sign,
        leading_window.entity_type,
        leading_window.entity_id,
        leading_window.grain,
        lags.lag_periods,
        leading_window.value as leading_value,
        lagging.value as lagging_value
    from leading_window
    cross join lags
    inner join kpi_values as lagging
        on
            leading_window.lagging_kpi_id = lagging.kpi_id
            and leading_window.entity_type = lagging.entity_type
            and leading_window.entity_id = lagging.entity_id
            and leading_window.grain = lagging.grain
            and lagging.period_start = case
                when leading_window.grain = 'month'
                    then cast({{ dbt.dateadd('month', 'lags.lag_periods', 'leading_window.period_start') }} as date)
                else {{ add_days('7 * lags.lag_periods', 'leading_window.period_start') }}
            end
    where leading_window.periods_back <= {{ var('kpi_correlation_periods') }} and lagging.value is not null  -- noqa: RF04

),

correlations as (

    select
        leading_kpi_id,
        lagging_kpi_id,
        expected_sign,
        entity_type,
        entity_id,
        grain,
        lag_periods,
        count(*) as pair_count,
        -- Undefined (null, not DuckDB's NaN, which sorts above every r and passes every bound)
        -- when either series is constant or has one value. Six decimals: a last-bit difference
        -- between engines or reruns is not a change.
        case
            when stddev_samp(leading_value) > 0 and stddev_samp(lagging_value) > 0
                then {{ round_float('corr(leading_value, lagging_value)', 6) }}
        end as pearson_r
    from lagged_pairs
    group by leading_kpi_id, lagging_kpi_id, expected_sign, entity_type, entity_id, grain, lag_periods

),

best_lags as (

    select
        *,
        row_number() over (
            partition by leading_kpi_id, lagging_kpi_id, entity_id, grain
            order by coalesce(pearson_r * expected_sign, -2) desc, lag_periods
        ) as fit_rank
    from correlations

),

leading_state as (

    select
        leading_kpi_id,
        lagging_kpi_id,
        entity_id,
        grain,
        max(direction) as direction,
        max(case when periods_back = 1 then value end) as leading_latest_value,
        percentile_cont(0.5) within group (order by value) as leading_window_median
    from leading_window
    where periods_back <= {{ var('kpi_correlation_periods') }}
    group by leading_kpi_id, lagging_kpi_id, entity_id, grain

),

final as (

    select
        best_lags.leading_kpi_id,
        best_lags.lagging_kpi_id,
        best_lags.entity_type,
        best_lags.entity_id,
        best_lags.grain,
        best_lags.lag_periods as best_lag_periods,
        best_lags.pearson_r,
        best_lags.pair_count,
        best_lags.expected_sign,
        leading_state.leading_latest_value,
        leading_state.leading_window_median,
        coalesce(
            abs(best_lags.pearson_r) >= {{ var('kpi_correlation_min_strength') }}
            and best_lags.pearson_r * best_lags.expected_sign > 0
            and best_lags.pair_count >= {{ var('kpi_correlation_min_pairs') }},
            false
        ) as is_strong,
        coalesce(case leading_state.direction
            when 'higher_is_better' then leading_state.leading_latest_value < leading_state.leading_window_median
            when 'lower_is_better' then leading_state.leading_latest_value > leading_state.leading_window_median
        end, false) as is_leading_degrading,
        {{ as_of_date() }} as as_of_date
    from best_lags
    inner join leading_state
        on
            best_lags.leading_kpi_id = leading_state.leading_kpi_id
            and best_lags.lagging_kpi_id = leading_state.lagging_kpi_id
            and best_lags.entity_id = leading_state.entity_id
            and best_lags.grain = leading_state.grain
    where best_lags.fit_rank = 1

)

select
    *,
    is_strong and is_leading_degrading as is_warning
from final
