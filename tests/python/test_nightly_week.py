"""A week of nights (issue 13): the generated storefront, one new day appended each night by
`kpiwh generate --next-day`, and `KPI_TARGET=prod kpiwh nightly --as-of <that day>` run on it,
as a scheduler would over eight nights. Each night is checked against the raw files it read.
"""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from kpiwh.config import DEFAULT_END_DATE
from kpiwh.generate import generate
from nightly_fixtures import kpiwh, nightly_env, published, runs

SCALE, SEED = "0.15", "3"
NIGHTS = 8
ORDER_KEY = re.compile(r"^M\d\d-\d{8}$")  # the generator's order keys; its defective rows have others


def raw_orders(raw: Path) -> pd.DataFrame:
    """The valid, distinct orders of the raw file, read with pandas."""
    orders = pd.read_csv(raw / "storefront" / "orders.csv", dtype=str, keep_default_na=False)
    orders = orders[orders["order_id"].str.match(ORDER_KEY.pattern) & pd.to_datetime(orders["created_at"], errors="coerce").notna()]
    return orders.drop_duplicates("order_id", keep="last")


def test_a_week_of_generated_nights(tmp_path: Path) -> None:
    raw = tmp_path / "raw"
    generate(raw, DEFAULT_END_DATE, float(SCALE), int(SEED), "csv", systems=["storefront"])
    env = {**nightly_env(raw, tmp_path), "KPI_TARGET": "prod"}
    known_revenue: dict[date, float] = {}
    for night in range(NIGHTS):
        day = DEFAULT_END_DATE + timedelta(days=night)
        if night:
            generated = kpiwh(["generate", "--next-day", "--out", str(raw), "--scale", SCALE, "--seed", SEED], env)
            assert generated.returncode == 0 and f"next day: {day}" in generated.stdout, generated.stderr
        result = kpiwh(["nightly", "--as-of", day.isoformat()], {**env, "KPI_AS_OF": day.isoformat()})
        assert result.returncode == 0, (night, result.stderr[-3000:])
        orders = raw_orders(raw)
        created_day = pd.to_datetime(orders["created_at"]).dt.date
        with duckdb.connect(str(published(env)), read_only=True) as con:
            assert con.execute("select distinct as_of_date from kpi_values").fetchall() == [(day,)]
            # The night's new orders and the statuses changed after the fact are all in.
            [(new_orders,)] = con.execute("select count(*) from stg_storefront__orders where cast(created_at as date) = ?", [day]).fetchall()
            assert new_orders == int((created_day == day).sum()) > 0
            [(pending,)] = con.execute("select count(*) from stg_storefront__orders where financial_status = 'pending'").fetchall()
            assert pending == int((orders["financial_status"] == "pending").sum())
            [(revenue,)] = con.execute(
                "select value from kpi_values where kpi_id = 'sales.daily_revenue' and entity_id = 'M03' and period_start = ?", [day - timedelta(days=1)]
            ).fetchall()
            known_revenue[day] = revenue
            if night == 1:
                # The product extract ran again: the acknowledged stale-extract issue is resolved.
                state = con.execute("select issue_state, last_seen_on from fct_dq_issues where issue_id = 'storefront.products:stale_table:*:2026-11-18'").fetchall()
                assert state == [("resolved", DEFAULT_END_DATE)]
    assert [(r["exit_code"], r["as_of"]) for r in runs(env)] == [(0, DEFAULT_END_DATE + timedelta(days=n)) for n in range(NIGHTS)]
    with duckdb.connect(str(published(env)), read_only=True) as con:
        # The KPI history holds every night, and "as known on" a night is what that night published.
        nights = con.execute("select distinct known_from from kpi_value_history order by 1").fetchall()
        assert nights == [(DEFAULT_END_DATE + timedelta(days=n),) for n in range(NIGHTS)]
        for day, revenue in known_revenue.items():
            [(known,)] = con.execute(
                """select value from kpi_value_history where kpi_id = 'sales.daily_revenue' and entity_id = 'M03' and period_start = ?
                   and known_from <= ? order by known_from desc limit 1""", [day - timedelta(days=1), day]
            ).fetchall()
            assert known == revenue
        before = con.execute("select * from kpi_values").df()
    # Rerunning the last night changes nothing: it has nothing to rebuild, and rebuilt anyway it
    # publishes the same KPIs.
    last = DEFAULT_END_DATE + timedelta(days=NIGHTS - 1)
    published_bytes = published(env).read_bytes()
    rerun = kpiwh(["nightly", "--as-of", last.isoformat()], {**env, "KPI_AS_OF": last.isoformat()})
    assert rerun.returncode == 0 and "nothing to rebuild" in rerun.stderr, rerun.stderr[-3000:]
    assert published(env).read_bytes() == published_bytes
    rebuilt = kpiwh(["nightly", "--rebuild", "--as-of", last.isoformat()], {**env, "KPI_AS_OF": last.isoformat()})
    assert rebuilt.returncode == 0 and runs(env)[-1]["models_passed"] > 0, rebuilt.stderr[-3000:]
    with duckdb.connect(str(published(env)), read_only=True) as con:
        after = con.execute("select * from kpi_values").df()
    pd.testing.assert_frame_equal(
        before.sort_values(list(before.columns[:5])).reset_index(drop=True), after.sort_values(list(after.columns[:5])).reset_index(drop=True)
    )
