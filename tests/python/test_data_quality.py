"""Data-quality KPIs (spec 000 Q.1-Q.3), the issue log, the CRITICAL gate, test history, trust and GX.

Runs on the storefront fixture (which carries one defect of every kind) and on copies of it
with older extracts.
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from conftest import FIXTURES, dbt, kpi, query
from kpiwh import validate

AS_OF = date(2026, 11, 20)
RAW = FIXTURES / "storefront_basic"
# Freshness is measured at the end of the as_of day: 2026-11-21 00:00 UTC.
LOADS = {"orders": "2026-11-19 12:00:00", "order_lines": "2026-11-19 12:00:00", "products": "2026-11-19 23:00:00", "customers": "2026-11-20 20:00:00"}


@pytest.fixture(scope="module")
def db(build_warehouse) -> Path:
    return build_warehouse(RAW, AS_OF, "storefront_basic")


@pytest.fixture(scope="module")
def stale_raw(tmp_path_factory) -> Path:
    """The fixture with older extracts: orders, lines and products late (over 24 h), customers fresh."""
    raw = tmp_path_factory.mktemp("stale_raw")
    shutil.copytree(RAW, raw, dirs_exist_ok=True)
    for table, loaded in LOADS.items():
        path = raw / "storefront" / f"{table}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["_loaded_at"] = loaded
        frame.to_csv(path, index=False)
    return raw


@pytest.fixture(scope="module")
def stale_db(build_warehouse, stale_raw) -> Path:
    return build_warehouse(stale_raw, AS_OF, "storefront_stale")


def test_freshness_by_hand(stale_db):
    hours = dict(query(stale_db, "select source_table, hours_since_load from fct_dq_table_health"))
    # 2026-11-21 00:00 minus each load time.
    assert hours == {"orders": 36.0, "order_lines": 36.0, "products": 25.0, "customers": 4.0, "merchants": 0.0}
    assert kpi(stale_db, "dq.freshness", "storefront.customers", "day", "2026-11-20")[:2] == (4.0, "GREEN")
    assert kpi(stale_db, "dq.freshness", "storefront.products", "day", "2026-11-20")[:2] == (25.0, "YELLOW")  # > 24 h
    assert kpi(stale_db, "dq.freshness", "all", "day", "2026-11-20")[:2] == (36.0, "YELLOW")  # the worst table


RETAIL_AS_OF = date(2026, 3, 15)
# Weekly and event-driven retail tables (their own bounds in seeds/kpi_threshold_overrides.csv),
# loaded before the fixture's 2026-03-15 02:00, measured at 2026-03-16 00:00.
RETAIL_LOADS = {"inventory_snapshots": "2026-03-11 20:00:00", "demand_forecasts": "2026-03-08 00:00:00", "inventory_adjustments": "2026-03-11 00:00:00"}


@pytest.fixture(scope="module")
def own_cadence_db(build_warehouse, tmp_path_factory) -> Path:
    raw = tmp_path_factory.mktemp("retail_own_cadence_raw")
    shutil.copytree(FIXTURES / "retail_basic", raw, dirs_exist_ok=True)
    for table, loaded in RETAIL_LOADS.items():
        path = raw / "retail" / f"{table}.csv"
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["_loaded_at"] = loaded
        frame.to_csv(path, index=False)
    return build_warehouse(raw, RETAIL_AS_OF, "retail_own_cadence")


@pytest.mark.parametrize(
    ("table", "hours", "target", "status", "met"),
    [
        # Weekly snapshot, late after 192 h: 100 h is within its week (was "GREEN, 24 h target missed").
        ("retail.inventory_snapshots", 100.0, 192, "GREEN", True),
        # Exactly on its late bound: GREEN (strict) and the target (<=) met.
        ("retail.demand_forecasts", 192.0, 192, "GREEN", True),
        # Event-driven, late after 96 h: 120 h is late, and its own target is missed.
        ("retail.inventory_adjustments", 120.0, 96, "YELLOW", False),
        # Cycle counts (late after 360 h) loaded with the fixture at 02:00: 22 h.
        ("retail.physical_counts", 22.0, 360, "GREEN", True),
        # A daily feed and the warehouse row (daily feeds only) keep the spec's 24 h.
        ("retail.pos_receipts", 22.0, 24, "GREEN", True),
        ("all", 22.0, 24, "GREEN", True),
    ],
)
def test_table_with_its_own_cadence_has_its_own_target(own_cadence_db, table, hours, target, status, met):
    rows = query(
        own_cadence_db,
        "select value, target_value, status, is_target_met from kpi_dashboard where kpi_id = 'dq.freshness' and entity_id = ?",
        [table],
    )
    assert rows == [(hours, target, status, met)]
    assert kpi(own_cadence_db, "dq.freshness", table, "day", "2026-03-15") == (hours, status, met)


def test_stale_table_is_red_and_critical(tmp_path, stale_raw):
    # Push orders past 48 hours: 2026-11-18 23:59 -> 2026-11-21 00:00 is 48h01m, strictly over 48 h.
    raw = tmp_path / "raw"
    shutil.copytree(stale_raw, raw)
    path = raw / "storefront" / "orders.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    frame["_loaded_at"] = "2026-11-18 23:59:00"
    frame.to_csv(path, index=False)
    db_path = tmp_path / "w.duckdb"
    result = dbt(["build"], raw, db_path, AS_OF)
    assert result.returncode == 0, result.stdout[-4000:]  # dev: the gate warns, the build goes on
    value, status, _ = kpi(db_path, "dq.freshness", "storefront.orders", "day", "2026-11-20")
    assert (round(value, 4), status) == (round(48 + 1 / 60, 4), "RED")
    assert kpi(db_path, "dq.critical_issues", "all", "day", "2026-11-20")[:2] == (1.0, "RED")
    assert query(db_path, "select check_name, severity from fct_dq_issues where severity = 'CRITICAL'") == [("stale_table", "CRITICAL")]
    # The sales KPIs read storefront.orders: the dashboard flags them, the DQ KPIs stay trusted.
    trust = dict(query(db_path, "select kpi_id, trust_note from kpi_dashboard where entity_id = 'M01'"))
    assert trust["sales.daily_revenue"] == "stale input storefront.orders"
    assert trust["growth.mrr"] == "stale input storefront.orders"
    assert query(db_path, "select count(*) from kpi_dashboard where entity_type = 'warehouse' and not is_trusted") == [(0,)]
    # The same data in the scheduled prod build: the CRITICAL gate fails it.
    prod = dbt(["build"], raw, tmp_path / "prod.duckdb", AS_OF, {"KPI_TARGET": "prod"})
    assert prod.returncode != 0
    assert "FAIL 1 assert_no_critical_data_issues" in prod.stdout


def test_prod_gate_passes_without_critical_issues(tmp_path):
    # The fixture's defects are HIGH/MEDIUM/LOW only: a prod build passes (HIGH only warns).
    result = dbt(["build"], RAW, tmp_path / "prod.duckdb", AS_OF, {"KPI_TARGET": "prod"})
    assert result.returncode == 0, result.stdout[-4000:]
    assert "WARN" in result.stdout and "warn_on_high_data_issues" in result.stdout


def test_completeness_by_hand(db):
    got = dict(query(db, "select source_table, completeness_pct from fct_dq_table_health"))
    # Required columns (the contract: required or key columns) times raw rows, minus missing cells:
    # orders 95 rows x 7, missing the null order_id and the unparseable created_at;
    # customers 7 x 5, missing one customer_id; order_lines 96 x 7, missing one sku.
    expected = {
        "merchants": 100.0,
        "products": 100.0,
        "customers": (35 - 1) * 100 / 35,
        "orders": (665 - 2) * 100 / 665,
        "order_lines": (672 - 1) * 100 / 672,
    }
    assert {t: round(v, 9) for t, v in got.items()} == {t: round(v, 9) for t, v in expected.items()}
    value, status, _ = kpi(db, "dq.completeness", "all", "day", "2026-11-20")
    assert round(value, 9) == round(sum(expected.values()) / 5, 9)
    assert status == "GREEN"


def test_issue_log_counts_every_defect(db):
    issues = {(t, c): (s, n) for t, c, s, n in query(db, "select source_table, check_name, severity, sum(rows_affected) from fct_dq_issues group by all")}
    assert issues == {
        ("merchants", "duplicate_key"): ("MEDIUM", 1),
        ("products", "invalid_number"): ("HIGH", 1),
        ("customers", "duplicate_key"): ("MEDIUM", 1),
        ("customers", "null_key"): ("HIGH", 1),
        ("orders", "duplicate_key"): ("MEDIUM", 1),
        ("orders", "null_key"): ("HIGH", 1),
        ("orders", "invalid_timestamp"): ("HIGH", 1),
        ("orders", "invalid_enum"): ("MEDIUM", 1),
        ("orders", "invalid_number"): ("HIGH", 1),
        ("orders", "unknown_customer"): ("MEDIUM", 1),  # S2001, kept as revenue
        ("order_lines", "duplicate_key"): ("MEDIUM", 1),
        ("order_lines", "invalid_number"): ("HIGH", 1),
        ("order_lines", "null_key"): ("HIGH", 1),
        ("order_lines", "orphan_key"): ("HIGH", 1),
        ("order_lines", "parent_quarantined"): ("LOW", 1),
    }  # and no table-level issue: every table is fresh and over 95% complete
    examples = dict(query(db, "select check_name, example_keys from fct_dq_issues where source_table = 'order_lines'"))
    assert examples["orphan_key"] == "ORPHAN-1"
    assert kpi(db, "dq.critical_issues", "all", "day", "2026-11-20")[:2] == (0.0, "GREEN")
    # Spec 002: share of records excluded per table (orders: 5 of 95 quarantined).
    assert query(db, "select excluded_row_pct from fct_dq_table_health where source_table = 'orders'")[0][0] == pytest.approx(5 * 100 / 95)


def test_test_results_accumulate_across_builds(tmp_path):
    db_path = tmp_path / "history.duckdb"
    runs = [dbt(["build", "-s", "staging.storefront"], RAW, db_path, AS_OF) for _ in range(2)]
    assert [r.returncode for r in runs] == [0, 0]
    tests_per_run = [int(r.stdout.split("Done. PASS=")[1].split()[0]) for r in runs]  # models + tests
    builds, rows, distinct_tests, failures = query(
        db_path,
        "select count(distinct invocation_id), count(*), count(distinct test_unique_id),"
        " sum(case when status in ('fail', 'error') then 1 else 0 end) from dq_test_results_history",
    )[0]
    assert builds == 2  # the second build appended; it did not replace the first
    assert rows == 2 * distinct_tests and 0 < distinct_tests < tests_per_run[0]
    assert failures == 0


def test_gx_checkpoint_passes_on_good_and_fails_on_broken_kpi_values(db, tmp_path):
    assert validate.run(db, tmp_path / "gx_good")
    broken = tmp_path / "broken.duckdb"
    shutil.copyfile(db, broken)
    with duckdb.connect(str(broken)) as con:
        # One row per defect the KPI contract suite must catch: unknown kpi_id, bad status,
        # a share over 100%, a negative count and a NULL value not marked NO_DATA.
        con.execute("create or replace table kpi_values as select * from kpi_values")
        con.execute(
            """
            insert into kpi_values (kpi_id, entity_type, entity_id, grain, period_start, period_end, value, unit, status, as_of_date)
            values ('sales.bogus', 'merchant', 'M01', 'day', date '2026-11-20', date '2026-11-20', 1, 'usd', 'GREEN', date '2026-11-20'),
                   ('sales.daily_revenue', 'merchant', 'M99', 'day', date '2026-11-20', date '2026-11-20', 1, 'usd', 'PURPLE', date '2026-11-20'),
                   ('dq.completeness', 'table', 'x', 'day', date '2026-11-20', date '2026-11-20', 101, 'pct', 'GREEN', date '2026-11-20'),
                   ('dq.critical_issues', 'warehouse', 'y', 'day', date '2026-11-20', date '2026-11-20', -1, 'count', 'GREEN', date '2026-11-20'),
                   ('sales.avg_order_value', 'merchant', 'M98', 'day', date '2026-11-20', date '2026-11-20', null, 'usd', 'GREEN', date '2026-11-20')
            """
        )
    assert not validate.run(broken, tmp_path / "gx_broken")
