"""The read API (kpiwh.api) on the storefront fixture build: every answer equals a direct SQL query
written here, bad arguments give structured errors, tiers refuse; benchmark() on a small file
with the kpi_benchmarks contract and numbers worked out by hand; a republish is followed."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import FIXTURES, query
from kpiwh.api import MAX_HISTORY_ROWS, ReadApi
from kpiwh.cli import main

AS_OF = date(2026, 11, 20)
DASHBOARD_SQL = """
select kpi_id, kpi_name, tile, spec_ref, grain, strftime(period_start, '%Y-%m-%d'), strftime(period_end, '%Y-%m-%d'), value, sample_size,
       unit, target_value, target_min, target_max, status, status_reason, is_target_met, is_trusted, trust_note
from kpi_dashboard where entity_type = ? and entity_id = ? order by spec_ref, kpi_id
"""
TREND_SQL = """
select strftime(period_start, '%Y-%m-%d'), strftime(period_end, '%Y-%m-%d'), value, sample_size, target_value, red_below, yellow_below,
       yellow_above, red_above, status, status_reason
from (select * from kpi_trend where entity_type = 'merchant' and entity_id = ? and kpi_id = ? and grain = ? order by period_start desc limit ?)
order by period_start
"""


@pytest.fixture(scope="module")
def db(build_warehouse) -> Path:
    return build_warehouse(FIXTURES / "storefront_basic", AS_OF, "storefront_basic")


@pytest.fixture(scope="module")
def api(db: Path) -> ReadApi:
    return ReadApi(db)


def _rows(answer: list[dict]) -> list[tuple]:
    return [tuple(row.values()) for row in answer]


def test_dashboard_equals_sql(api, db):
    for entity in ("M01", "M02"):
        got = api.kpi_dashboard(entity)
        assert (got["entity_type"], got["entity_id"], got["as_of_date"]) == ("merchant", entity, "2026-11-20")
        assert _rows(got["kpis"]) == query(db, DASHBOARD_SQL, ["merchant", entity])
    assert api.kpi_dashboard("M01")["access_tier"] == "premium" and api.kpi_dashboard("M02")["access_tier"] == "standard"


def test_no_data_is_null_never_zero(api, db):
    no_data = query(db, "select entity_id, kpi_id from kpi_dashboard where status = 'NO_DATA' and value is null and entity_type = 'merchant'")
    assert no_data, "the fixture should have a NO_DATA KPI (M02 has under two weeks of history)"
    for entity, kpi_id in no_data:
        row = next(k for k in api.kpi_dashboard(entity)["kpis"] if k["kpi_id"] == kpi_id)
        assert row["value"] is None and row["status"] == "NO_DATA"


def test_trend_equals_sql_and_takes_the_display_name(api, db):
    got = api.kpi_trend("sales.daily_revenue", "M01", "day", 5)
    assert (got["grain"], got["unit"]) == ("day", "usd")
    assert _rows(got["series"]) == query(db, TREND_SQL, ["M01", "sales.daily_revenue", "day", 5])
    assert len(got["series"]) == 5 and got["series"][-1]["period_start"] == "2026-11-20"
    # No grain: the KPI's dashboard grain; spec 001 names KPIs by name.
    assert query(db, "select dashboard_grain from kpi_catalog where kpi_id = 'sales.daily_revenue'") == [("day",)]
    assert api.kpi_trend("Daily Revenue", "M01", periods=5) == got
    # At the limit: every one of the series' periods.
    whole = api.kpi_trend("growth.mrr", "M01", "month", 1000)
    assert _rows(whole["series"]) == query(db, TREND_SQL, ["M01", "growth.mrr", "month", 1000]) and len(whole["series"]) == 3


def test_alerts_equal_sql(api, db):
    expected = query(db, """
        select a.alert_id from kpi_alerts as a
        left join kpi_access_tiers as t on t.entity_type = a.entity_type and t.entity_id = a.entity_id
        where a.alert_type != 'trajectory' or coalesce(t.access_tier, 'baseline') != 'baseline' order by a.alert_rank""")
    got = api.kpi_alerts()
    assert [a["alert_id"] for a in got["alerts"]] == [r[0] for r in expected]
    (total,) = query(db, "select count(*) from kpi_alerts")[0]
    assert len(got["alerts"]) + got["withheld_trajectory_alerts"] == total
    mine = api.kpi_alerts("M01")["alerts"]
    assert [a["alert_id"] for a in mine] == [r[0] for r in query(db, "select alert_id from kpi_alerts where entity_id = 'M01' order by alert_rank")]


def test_history_equals_sql(api, db):
    got = api.kpi_history("sales.daily_revenue", ["M02", "M01"], "2026-11-01", "2026-11-20")
    expected = query(db, """
        select kpi_id, entity_type, entity_id, grain, strftime(period_start, '%Y-%m-%d'), strftime(period_end, '%Y-%m-%d'), value, sample_size,
               unit, target_value, status, status_reason, is_target_met, strftime(as_of_date, '%Y-%m-%d')
        from kpi_values where kpi_id = 'sales.daily_revenue' and entity_id in ('M01', 'M02')
          and period_start >= date '2026-11-01' and period_end <= date '2026-11-20'
        order by entity_type, entity_id, kpi_id, grain, period_start""")
    assert expected and _rows(got["rows"]) == expected and got["truncated"] is False
    everything = api.kpi_history(entity_ids=["M01", "M02"])
    (count,) = query(db, "select count(*) from kpi_values where entity_id in ('M01', 'M02')")[0]
    assert len(everything["rows"]) == min(count, MAX_HISTORY_ROWS) and everything["truncated"] is (count > MAX_HISTORY_ROWS)


@pytest.mark.parametrize(("call", "code", "field"), [
    (lambda a: a.kpi_dashboard("NOPE"), "unknown_entity", "entity_id"),
    (lambda a: a.kpi_dashboard(""), "bad_argument", "entity_id"),
    (lambda a: a.kpi_dashboard(None), "bad_argument", "entity_id"),
    (lambda a: a.kpi_trend("sales.no_such_kpi", "M01"), "unknown_kpi", "kpi_id"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "NOPE"), "unknown_entity", "entity_id"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "fortnight"), "bad_argument", "grain"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "day", -1), "bad_argument", "periods"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "day", 0), "bad_argument", "periods"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "day", 10**9), "bad_argument", "periods"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "day", "12"), "bad_argument", "periods"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "day", True), "bad_argument", "periods"),
    (lambda a: a.kpi_trend("sales.daily_revenue", "M01", "quarter"), "no_series", "grain"),
    (lambda a: a.kpi_alerts("NOPE"), "unknown_entity", "entity_id"),
    (lambda a: a.kpi_history(start="2026-13-01"), "bad_argument", "start"),
    (lambda a: a.kpi_history(start="2026-11-20", end="2026-11-01"), "bad_argument", "start"),
    (lambda a: a.kpi_history(entity_ids="M01"), "bad_argument", "entity_ids"),
    (lambda a: a.kpi_history(entity_ids=["M01", "NOPE"]), "unknown_entity", "entity_ids"),
    (lambda a: a.kpi_history(entity_ids=["M01", ["M02"]]), "bad_argument", "entity_ids"),
])
def test_bad_arguments_give_structured_errors(api, call, code, field):
    got = call(api)
    assert (got["error"], got["field"]) == (code, field) and got["message"]


def test_tiers_refuse_with_a_structured_answer(api, db):
    assert query(db, "select access_tier from kpi_access_tiers where entity_type = '*' and entity_id = '*'") == [("baseline",)]
    baseline_entity, its_kpi = query(db, "select entity_id, kpi_id from kpi_dashboard where entity_type = 'warehouse' limit 1")[0]
    got = api.kpi_trend(its_kpi, baseline_entity)
    assert (got["error"], got["required_tier"], got["entity_tier"]) == ("tier_required", "standard", "baseline")
    assert "error" not in api.kpi_dashboard(baseline_entity)
    history = api.kpi_history(entity_ids=["M02", baseline_entity])
    assert (history["error"], history["required_tier"]) == ("tier_required", "standard")
    assert history["entities_below"] == [{"entity_type": "warehouse", "entity_id": baseline_entity, "entity_tier": "baseline"}]
    assert "error" not in api.kpi_trend("sales.daily_revenue", "M02", "day", 3)


def test_benchmark_on_the_built_table(api, db):
    # The fixture has two storefront merchants: M01 has one peer in every period, so every row
    # is suppressed (k = 5) and shows no figure; the periods are the latest 12 of each grain of kpi_benchmarks.
    got = api.benchmark("sales.daily_revenue", "storefront", "M01")
    every = query(db, "select grain, cast(period_start as varchar), peer_count from kpi_benchmarks where kpi_id = 'sales.daily_revenue'"
                      " and entity_id = 'M01' order by grain, period_start")
    def latest(count: int) -> list[tuple[str, str, int]]:
        return [row for grain in sorted({r[0] for r in every}) for row in [r for r in every if r[0] == grain][-count:]]

    assert [(b["grain"], b["period_start"], b["peer_count"]) for b in got["benchmarks"]] == latest(12)
    assert all(b["is_suppressed"] and b["p50"] is None for b in got["benchmarks"])
    # The fixture's 12 days fit the default; 5 periods cut every grain that has more.
    five = api.benchmark("sales.daily_revenue", "storefront", "M01", periods=5)["benchmarks"]
    assert [(b["grain"], b["period_start"], b["peer_count"]) for b in five] == latest(5) and len(latest(5)) < len(every)
    days = api.benchmark("sales.daily_revenue", "storefront", "M01", grain="day", periods=3)
    assert [(b["grain"], b["period_start"], b["peer_count"]) for b in days["benchmarks"]] == [r for r in every if r[0] == "day"][-3:]
    assert api.benchmark("sales.daily_revenue", "storefront", "M01", periods=-1)["field"] == "periods"
    unknown = api.benchmark("sales.daily_revenue", "category:auto", "M01")
    assert (unknown["error"], unknown["available_profiles"]) == ("unknown_profile", ["storefront"])


def _small_warehouse(path: Path, revenue: float) -> None:
    """The tables the API reads, in their contract's shape; kpi_benchmarks with numbers worked out by hand.

    M01's five peers have 10, 20, 30, 40, 50 and M01 has 35: quartiles (continuous) 20, 30, 40; 3 of 5
    peers below, rank 0.6; gap to the median 35 - 30 = 5. The week before it had four peers: suppressed.
    """
    with duckdb.connect(str(path)) as con:
        con.execute("create table kpi_catalog as select 'sales.daily_revenue' as kpi_id, 'Daily Revenue' as kpi_name, 'usd' as unit, "
                    "'day' as dashboard_grain")
        con.execute("create table kpi_access_tiers (entity_type varchar, entity_id varchar, access_tier varchar)")
        con.execute("insert into kpi_access_tiers values ('*', '*', 'baseline'), ('merchant', 'M01', 'premium'), ('merchant', 'M02', 'standard')")
        con.execute(f"create table kpi_dashboard as select 'merchant' as entity_type, unnest(['M01', 'M02']) as entity_id, 'sales.daily_revenue' as kpi_id, "
                    f"'Daily Revenue' as kpi_name, 'Sales Pulse' as tile, '000:1.1' as spec_ref, 'day' as grain, date '2026-11-20' as period_start, "
                    f"date '2026-11-20' as period_end, {revenue}::double as value, null::bigint as sample_size, 'usd' as unit, 5000.0 as target_value, "
                    "null::double as target_min, null::double as target_max, 'GREEN' as status, null as status_reason, true as is_target_met, "
                    "true as is_trusted, null as trust_note, date '2026-11-20' as as_of_date")
        con.execute("create table kpi_benchmarks (kpi_id varchar, grain varchar, period_start date, period_end date, profile varchar, entity_type varchar, "
                    "entity_id varchar, peer_count integer, p25 double, p50 double, p75 double, percentile_rank double, gap_to_median double, "
                    "unit varchar, is_suppressed boolean)")
        con.execute("insert into kpi_benchmarks values "
                    "('sales.daily_revenue', 'week', '2026-11-09', '2026-11-15', 'category:auto', 'merchant', 'M01', 4, null, null, null, null, 7.0, 'usd', true), "
                    "('sales.daily_revenue', 'week', '2026-11-16', '2026-11-22', 'category:auto', 'merchant', 'M01', 5, 20, 30, 40, 0.6, 5, 'usd', false), "
                    "('sales.daily_revenue', 'week', '2026-11-16', '2026-11-22', 'size:small', 'merchant', 'M01', 5, 1, 2, 3, 0.2, -1, 'usd', false)")
        con.execute("create table kpi_correlations (leading_kpi_id varchar, lagging_kpi_id varchar, entity_type varchar, entity_id varchar, grain varchar, "
                    "best_lag_periods bigint, pearson_r double, pair_count bigint, expected_sign integer, leading_latest_value double, "
                    "leading_window_median double, is_strong boolean, is_leading_degrading boolean, as_of_date date, is_warning boolean)")
        con.execute("insert into kpi_correlations values "
                    "('a.lead', 'sales.daily_revenue', 'merchant', 'M02', 'week', 2, 0.9, 20, 1, 80, 90, true, true, '2026-11-20', true), "
                    "('b.lead', 'c.lag', 'merchant', 'M02', 'week', 0, 0.2, 20, 1, 95, 90, false, false, '2026-11-20', false), "
                    "('a.lead', 'sales.daily_revenue', 'merchant', 'M01', 'week', 1, 0.7, 12, 1, 99, 90, true, false, '2026-11-20', false)")


def test_benchmark_on_the_contract_with_numbers_by_hand(tmp_path):
    path = tmp_path / "small.duckdb"
    _small_warehouse(path, 35.0)
    api = ReadApi(path)
    got = api.benchmark("Daily Revenue", "category:auto", "M01")
    assert (got["kpi_id"], got["profile"], got["entity_id"]) == ("sales.daily_revenue", "category:auto", "M01")
    assert got["benchmarks"] == [
        # Suppressed with 4 peers: nothing that could reveal a peer, even a gap the table carried.
        {"grain": "week", "period_start": "2026-11-09", "period_end": "2026-11-15", "peer_count": 4, "p25": None, "p50": None, "p75": None,
         "percentile_rank": None, "gap_to_median": None, "unit": "usd", "is_suppressed": True},
        {"grain": "week", "period_start": "2026-11-16", "period_end": "2026-11-22", "peer_count": 5, "p25": 20.0, "p50": 30.0, "p75": 40.0,
         "percentile_rank": 0.6, "gap_to_median": 5.0, "unit": "usd", "is_suppressed": False},
    ]
    refused = api.benchmark("sales.daily_revenue", "category:auto", "M02")
    assert (refused["error"], refused["required_tier"], refused["entity_tier"]) == ("tier_required", "premium", "standard")
    unknown = api.benchmark("sales.daily_revenue", "category:toys", "M01")
    assert (unknown["error"], unknown["field"], unknown["available_profiles"]) == ("unknown_profile", "profile", ["category:auto", "size:small"])
    assert api.benchmark("sales.daily_revenue", "category:auto")["field"] == "entity_id"


def test_correlations_of_an_entity_warnings_first_and_by_kpi(tmp_path):
    path = tmp_path / "small.duckdb"
    _small_warehouse(path, 35.0)
    with duckdb.connect(str(path)) as con:  # M03: an entity of the default (baseline) tier
        con.execute("insert into kpi_dashboard select * replace ('M03' as entity_id) from kpi_dashboard limit 1")
    api = ReadApi(path)
    got = api.kpi_correlations("M02")
    assert [(c["leading_kpi_id"], c["lagging_kpi_id"], c["best_lag_periods"], c["pearson_r"], c["is_warning"]) for c in got["correlations"]] == [
        ("a.lead", "sales.daily_revenue", 2, 0.9, True), ("b.lead", "c.lag", 0, 0.2, False)]
    only = api.kpi_correlations("M02", "Daily Revenue")
    assert (only["kpi_id"], [c["leading_kpi_id"] for c in only["correlations"]]) == ("sales.daily_revenue", ["a.lead"])
    refused = api.kpi_correlations("M03")
    assert (refused["error"], refused["required_tier"], refused["entity_tier"]) == ("tier_required", "standard", "baseline")


def test_a_republish_is_followed_and_calls_in_flight_finish_on_the_old_file(tmp_path):
    old, new, published = tmp_path / "old.duckdb", tmp_path / "new.duckdb", tmp_path / "published.duckdb"
    _small_warehouse(old, 35.0)
    _small_warehouse(new, 99.0)
    shutil.copyfile(old, published)
    api = ReadApi(published)
    assert api.kpi_dashboard("M01")["kpis"][0]["value"] == 35.0
    in_flight = api.warehouse.cursor()
    staging = tmp_path / "published.publishing"
    shutil.copyfile(new, staging)
    os.chmod(staging, 0o444)
    os.replace(staging, published)
    assert api.kpi_dashboard("M01")["kpis"][0]["value"] == 99.0
    assert in_flight.execute("select value from kpi_dashboard where entity_id = 'M01'").fetchall() == [(35.0,)]


@pytest.mark.parametrize("suffix", ["csv", "parquet"])
def test_export_writes_the_history_of_the_filters(db, tmp_path, suffix):
    out = tmp_path / f"history.{suffix}"
    assert main(["export", str(out), "--db", str(db), "--entity", "M02", "--start", "2026-11-10", "--end", "2026-11-20"]) == 0
    got = pd.read_parquet(out) if suffix == "parquet" else pd.read_csv(out, keep_default_na=False, na_values=[""])
    expected = query(db, "select kpi_id, grain, strftime(period_start, '%Y-%m-%d'), value, status from kpi_values where entity_id = 'M02' "
                         "and period_start >= date '2026-11-10' and period_end <= date '2026-11-20' order by entity_type, entity_id, kpi_id, grain, period_start")
    rows = [(r.kpi_id, r.grain, str(r.period_start)[:10], None if pd.isna(r.value) else r.value, r.status) for r in got.itertuples()]
    assert expected and rows == expected
