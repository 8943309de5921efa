"""Incremental daily facts (issue 13): a night that recomputes only its lookback window
(var incremental_lookback_days) gives the same warehouse, row for row, as a full refresh of the
same raw files after the same earlier nights; and a backfill to an earlier as_of drops the later
days instead of leaving them behind. The fulfillment and CX facts carry running totals (orders
pending, escalations open) into the window from the days before it.

Two warehouses, A and B, start from the same built night (a copy) and build the next nights
from one raw folder; A is incremental, B rebuilds every table with --full-refresh (the
append-only history tables are kept by both, as their config says).
"""
from __future__ import annotations

import shutil
from datetime import date, timedelta
from pathlib import Path

import duckdb
import yaml

from kpiwh.config import DEFAULT_END_DATE, REPO_ROOT
from kpiwh.generate import generate
from nightly_fixtures import kpiwh, nightly_env

SCALE, SEED = "0.15", "3"
# The storefront and the systems that follow its orders night after night (`--next-day`).
SYSTEMS = ["storefront", "fulfillment", "helpdesk"]
INCREMENTAL_FACTS = ("int_sku_revenue_30d_rolled", "fct_sales_daily", "fct_fulfillment_daily", "fct_cx_daily")
# The facts' running totals: a night that summed only its window would miss what is carried in.
RUNNING_TOTALS = {"fct_fulfillment_daily": "orders_pending", "fct_cx_daily": "open_escalations"}
LOOKBACK_DAYS = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())["vars"]["incremental_lookback_days"]
# Stamped with the wall-clock time of the build that wrote them: never equal between two builds.
BUILD_STAMPED = ("raw_file_audits", "dq_test_results_history")


def build(raw: Path, base: Path, as_of: str, *dbt_args: str) -> Path:
    env = {**nightly_env(raw, base), "KPI_AS_OF": as_of, "KPI_SOURCE_SYSTEMS": ",".join(SYSTEMS)}
    result = kpiwh(["build", "--no-publish", *dbt_args], env)
    assert result.returncode == 0, result.stderr[-3000:]
    return Path(env["KPI_DUCKDB_PATH"])


def executed_sql(base: Path, model: str) -> str:
    return next((base / "target" / "run").rglob(f"{model}.sql")).read_text()


def differences(a: Path, b: Path) -> dict[str, tuple[int, int]]:
    """Per table of either file: rows only in a, rows only in b (EXCEPT ALL both ways)."""
    with duckdb.connect() as con:
        con.execute(f"attach '{a}' as a (read_only)")
        con.execute(f"attach '{b}' as b (read_only)")
        names = {db: {t for (t,) in con.execute("select table_name from duckdb_tables() where database_name = ?", [db]).fetchall()}
                 for db in ("a", "b")}
        assert names["a"] == names["b"]
        found = {}
        for table in sorted(names["a"] - set(BUILD_STAMPED)):
            only_a = con.execute(f'select count(*) from (from a.main."{table}" except all from b.main."{table}")').fetchone()[0]
            only_b = con.execute(f'select count(*) from (from b.main."{table}" except all from a.main."{table}")').fetchone()[0]
            if only_a or only_b:
                found[table] = (only_a, only_b)
        return found


def carried_into_window(path: Path, as_of: str) -> dict[str, int]:
    """Each running total on the day before the lookback window of a night with this as_of (all merchants)."""
    before_window = date.fromisoformat(as_of) - timedelta(days=LOOKBACK_DAYS + 1)
    with duckdb.connect(str(path), read_only=True) as con:
        return {
            fact: con.execute(f"select coalesce(sum({total}), 0) from {fact} where date_day = ?", [before_window]).fetchone()[0]
            for fact, total in RUNNING_TOTALS.items()
        }


def test_incremental_nights_equal_full_refreshes(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    generate(raw, DEFAULT_END_DATE, float(SCALE), int(SEED), "csv", systems=SYSTEMS)
    day, next_day = DEFAULT_END_DATE.isoformat(), (DEFAULT_END_DATE + timedelta(days=1)).isoformat()
    a, b = tmp_path / "a", tmp_path / "b"
    first = build(raw, a, day)
    (b / "warehouse").mkdir(parents=True)
    shutil.copy(first, b / "warehouse" / first.name)
    generated = kpiwh(["generate", "--next-day", "--out", str(raw), "--scale", SCALE, "--seed", SEED], nightly_env(raw, a))
    assert generated.returncode == 0 and f"next day: {next_day}" in generated.stdout, generated.stderr

    # The next night: A recomputes its lookback window only, B rebuilds everything.
    path_a = build(raw, a, next_day)
    path_b = build(raw, b, next_day, "--full-refresh")
    for model in INCREMENTAL_FACTS:
        assert "delete from" in executed_sql(a, model) and "delete from" not in executed_sql(b, model)
    with duckdb.connect(str(path_a), read_only=True) as con:
        # The new day is there, and the facts were not rebuilt from scratch: only the window's
        # days were rewritten, yet every day of the history is still present.
        for model in INCREMENTAL_FACTS:
            [(days, last)] = con.execute(f"select count(distinct date_day), max(date_day) from {model}").fetchall()
            assert str(last) == next_day and days > 300, model
    carried = carried_into_window(path_b, next_day)
    assert differences(path_a, path_b) == {}

    # A backfill to the earlier night: the incremental facts drop the day after it.
    path_a = build(raw, a, day)
    path_b = build(raw, b, day, "--full-refresh")
    with duckdb.connect(str(path_a), read_only=True) as con:
        for model in INCREMENTAL_FACTS:
            assert [str(d) for (d,) in con.execute(f"select max(date_day) from {model}").fetchall()] == [day], model
    assert differences(path_a, path_b) == {}
    # Each running total was carried into a window (else the equality proves nothing about it).
    backfill_carried = carried_into_window(path_b, day)
    assert all(carried[fact] > 0 or backfill_carried[fact] > 0 for fact in RUNNING_TOTALS), (carried, backfill_carried)
