"""The MCP server as a client sees it: `kpiwh mcp` started as a subprocess over stdio, every tool called
through a real MCP client session, each result equal to a direct SQL query on the fixture build."""
from __future__ import annotations

import os
import shutil
import sys
import threading
from datetime import date
from pathlib import Path
from typing import Any

import anyio
import duckdb
import pytest
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from conftest import FIXTURES, query

AS_OF = date(2026, 11, 20)
# (tool, arguments) called in one session; the tests read the results by index.
CALLS: list[tuple[str, dict[str, Any]]] = [
    ("kpi_dashboard", {"merchant_id": "M01"}),
    ("kpi_trend", {"kpi_name": "Daily Revenue", "merchant_id": "M01", "period": "day", "periods": 7}),
    ("kpi_alerts", {"merchant_id": "M01"}),
    ("benchmark", {"kpi_name": "sales.daily_revenue", "merchant_profile": "storefront", "merchant_id": "M01"}),
    ("kpi_history", {"kpi_name": "sales.daily_revenue", "merchant_ids": ["M02"], "start": "2026-11-10", "end": "2026-11-20"}),
    ("kpi_trend", {"kpi_name": "sales.daily_revenue", "merchant_id": "M01", "periods": -1}),
    ("kpi_trend", {"kpi_name": "sales.daily_revenue", "merchant_id": "M01", "periods": 10**9}),
    ("kpi_dashboard", {"merchant_id": "NOPE"}),
    ("kpi_trend", {"kpi_name": "sales.daily_revenue", "merchant_id": "M01", "periods": "many"}),
    ("kpi_correlations", {"merchant_id": "M02"}),
]


def _server(db: Path) -> StdioServerParameters:
    return StdioServerParameters(command=sys.executable, args=["-m", "kpiwh.cli", "mcp", "--db", str(db)])


async def _session_calls(db: Path, calls: list[tuple[str, dict[str, Any]]]) -> tuple[list[str], list[Any]]:
    async with stdio_client(_server(db)) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        tools = [tool.name for tool in (await session.list_tools()).tools]
        return tools, [await session.call_tool(name, arguments) for name, arguments in calls]


@pytest.fixture(scope="module")
def db(build_warehouse) -> Path:
    return build_warehouse(FIXTURES / "storefront_basic", AS_OF, "storefront_basic")


@pytest.fixture(scope="module")
def session(db: Path) -> tuple[list[str], list[Any]]:
    return anyio.run(_session_calls, db, CALLS)


def test_the_six_tools_are_listed(session):
    assert sorted(session[0]) == ["benchmark", "kpi_alerts", "kpi_correlations", "kpi_dashboard", "kpi_history", "kpi_trend"]


def test_kpi_dashboard_equals_sql(session, db):
    result = session[1][0]
    assert not result.is_error
    expected = query(db, "select kpi_id, value, status, strftime(period_start, '%Y-%m-%d') from kpi_dashboard "
                         "where entity_type = 'merchant' and entity_id = 'M01' order by spec_ref, kpi_id")
    assert [(k["kpi_id"], k["value"], k["status"], k["period_start"]) for k in result.structured_content["kpis"]] == expected


def test_kpi_trend_equals_sql(session, db):
    result = session[1][1]
    assert not result.is_error and result.structured_content["kpi_id"] == "sales.daily_revenue"
    expected = query(db, "select * from (select strftime(period_start, '%Y-%m-%d'), value, red_below, yellow_below, status from kpi_trend "
                         "where entity_type = 'merchant' and entity_id = 'M01' and kpi_id = 'sales.daily_revenue' and grain = 'day' "
                         "order by period_start desc limit 7) order by 1")
    assert [(p["period_start"], p["value"], p["red_below"], p["yellow_below"], p["status"]) for p in result.structured_content["series"]] == expected


def test_kpi_alerts_equals_sql(session, db):
    result = session[1][2]
    expected = query(db, "select alert_id, alert_type, severity, value from kpi_alerts where entity_id = 'M01' order by alert_rank")
    assert expected and not result.is_error
    assert [(a["alert_id"], a["alert_type"], a["severity"], a["value"]) for a in result.structured_content["alerts"]] == expected


def test_benchmark_equals_sql(session, db):
    # Two storefront merchants in the fixture: M01's one peer is below k = 5, so every row is suppressed.
    result = session[1][3]
    every = query(db, "select grain, strftime(period_start, '%Y-%m-%d'), peer_count, is_suppressed from kpi_benchmarks"
                      " where kpi_id = 'sales.daily_revenue' and entity_id = 'M01' and profile = 'storefront' order by grain, period_start")
    # The latest 12 periods of each grain (the tool's default).
    expected = [row for grain in sorted({r[0] for r in every}) for row in [r for r in every if r[0] == grain][-12:]]
    assert expected and not result.is_error
    got = [(b["grain"], b["period_start"], b["peer_count"], b["is_suppressed"]) for b in result.structured_content["benchmarks"]]
    assert got == expected


def test_kpi_correlations_equals_sql(session, db):
    # The declared pairs are retail KPIs: a storefront merchant has none, and the answer says so (not an error).
    result = session[1][9]
    expected = query(db, "select leading_kpi_id, lagging_kpi_id, best_lag_periods from kpi_correlations where entity_id = 'M02' "
                         "order by is_warning desc, leading_kpi_id, lagging_kpi_id")
    assert not result.is_error and result.structured_content["entity_id"] == "M02"
    assert [(c["leading_kpi_id"], c["lagging_kpi_id"], c["best_lag_periods"]) for c in result.structured_content["correlations"]] == expected


def test_kpi_history_equals_sql(session, db):
    result = session[1][4]
    expected = query(db, "select strftime(period_start, '%Y-%m-%d'), value, status from kpi_values where kpi_id = 'sales.daily_revenue' "
                         "and entity_id = 'M02' and period_start >= date '2026-11-10' and period_end <= date '2026-11-20' order by period_start")
    assert expected and not result.is_error
    assert [(r["period_start"], r["value"], r["status"]) for r in result.structured_content["rows"]] == expected


@pytest.mark.parametrize(("index", "code", "field"), [(5, "bad_argument", "periods"), (6, "bad_argument", "periods"), (7, "unknown_entity", "merchant_id")])
def test_bad_arguments_are_structured_error_results(session, index, code, field):
    result = session[1][index]
    assert result.is_error
    assert (result.structured_content["error"], result.structured_content["field"]) == (code, field)


def test_a_wrong_type_is_an_error_result_not_a_traceback(session):
    result = session[1][8]
    assert result.is_error and "Traceback" not in result.content[0].text and "periods" in result.content[0].text


async def _calls_across_a_republish(published: Path, replacement: Path) -> tuple[list[Any], Any]:
    async with stdio_client(_server(published)) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        await session.call_tool("kpi_dashboard", {"merchant_id": "M01"})

        def republish() -> None:
            staging = published.with_suffix(".publishing")
            shutil.copyfile(replacement, staging)
            os.chmod(staging, 0o444)
            os.replace(staging, published)

        swap = threading.Thread(target=republish)
        during = []
        swap.start()
        while swap.is_alive() or not during:
            during.append(await session.call_tool("kpi_dashboard", {"merchant_id": "M01"}))
        swap.join()
        return during, await session.call_tool("kpi_dashboard", {"merchant_id": "M01"})


def test_calls_succeed_while_the_published_file_is_replaced(db, tmp_path):
    published, replacement = tmp_path / "published.duckdb", tmp_path / "next.duckdb"
    shutil.copyfile(db, published)
    shutil.copyfile(db, replacement)
    with duckdb.connect(str(replacement)) as con:
        con.execute("update kpi_dashboard set value = 12345.0 where entity_id = 'M01' and kpi_id = 'sales.daily_revenue'")
    (old,) = query(db, "select value from kpi_dashboard where entity_id = 'M01' and kpi_id = 'sales.daily_revenue'")[0]
    during, after = anyio.run(_calls_across_a_republish, published, replacement)

    def revenue(result: Any) -> float:
        return next(k["value"] for k in result.structured_content["kpis"] if k["kpi_id"] == "sales.daily_revenue")

    assert all(not r.is_error for r in during) and {revenue(r) for r in during} <= {old, 12345.0}
    assert not after.is_error and revenue(after) == 12345.0
