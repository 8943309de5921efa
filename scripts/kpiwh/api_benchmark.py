"""`kpiwh api-benchmark`: p50/p95 latency of each read-API call, in-process and over MCP (stdio), under concurrent clients.

Printed, not asserted (docs/api.md records the figures). With `--while-publishing` it runs on a copy
of the published file that a thread republishes every second (copy, chmod 0444, os.replace, as
warehouse.publish does), so the calls cross file swaps.
"""
from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

from kpiwh.api import ReadApi

# (API method, its arguments; MCP tool, its arguments): one call of each kind per round.
CALLS: list[tuple[str, dict[str, Any], dict[str, Any]]] = [
    ("kpi_dashboard", {"entity_id": "M01"}, {"merchant_id": "M01"}),
    ("kpi_trend", {"kpi_id": "sales.daily_revenue", "entity_id": "M01", "periods": 30}, {"kpi_name": "sales.daily_revenue", "merchant_id": "M01", "periods": 30}),
    ("kpi_alerts", {"entity_id": "M03"}, {"merchant_id": "M03"}),
    ("benchmark", {"kpi_id": "sales.daily_revenue", "profile": "storefront", "entity_id": "M01"},
     {"kpi_name": "sales.daily_revenue", "merchant_profile": "storefront", "merchant_id": "M01"}),
    ("kpi_correlations", {"entity_id": "M01"}, {"merchant_id": "M01"}),
    ("kpi_history", {"kpi_id": "sales.daily_revenue", "entity_ids": ["M01"], "start": "2026-10-21", "end": "2026-11-20"},
     {"kpi_name": "sales.daily_revenue", "merchant_ids": ["M01"], "start": "2026-10-21", "end": "2026-11-20"}),
]


def _report(label: str, timings: dict[str, list[float]], errors: int) -> None:
    print(f"\n{label}  (ms; an error answer counts as a call: {errors} refusals or errors)")
    print(f"  {'call':<18}{'calls':>7}{'p50':>9}{'p95':>9}{'max':>9}")
    for name, values in timings.items():
        ordered = sorted(values)
        p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
        print(f"  {name:<18}{len(values):>7}{statistics.median(values):>9.2f}{p95:>9.2f}{ordered[-1]:>9.2f}")


def in_process(path: Path, clients: int, rounds: int) -> None:
    """`clients` threads share one ReadApi, as the MCP server's worker threads do."""
    api = ReadApi(path)
    timings: dict[str, list[float]] = {name: [] for name, _, _ in CALLS}
    errors = 0
    lock = threading.Lock()

    def client() -> None:
        nonlocal errors
        for _ in range(rounds):
            for name, arguments, _ in CALLS:
                started = time.perf_counter()
                answer = getattr(api, name)(**arguments)
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    timings[name].append(elapsed)
                    errors += "error" in answer and answer["error"] != "not_available"

    with ThreadPoolExecutor(clients) as pool:
        for future in [pool.submit(client) for _ in range(clients)]:
            future.result()
    _report(f"in-process, {clients} concurrent clients x {rounds} rounds", timings, errors)


async def _mcp_client(path: Path, rounds: int, timings: dict[str, list[float]], errors: list[int], ready: anyio.Event, started: list[int],
                      clients: int) -> None:
    params = StdioServerParameters(command=sys.executable, args=["-m", "kpiwh.cli", "mcp", "--db", str(path)])
    async with stdio_client(params) as (read, write), ClientSession(read, write) as session:
        await session.initialize()
        # Time only calls, not 20 servers starting on two cores: every client waits until all are up.
        started.append(1)
        if len(started) == clients:
            ready.set()
        await ready.wait()
        for _ in range(rounds):
            for name, _, arguments in CALLS:
                begin = time.perf_counter()
                result = await session.call_tool(name, arguments)
                timings[name].append((time.perf_counter() - begin) * 1000)
                content = result.structured_content or {}
                errors[0] += bool(result.is_error) and content.get("error") != "not_available"


async def _over_mcp(path: Path, clients: int, rounds: int) -> None:
    timings: dict[str, list[float]] = {name: [] for name, _, _ in CALLS}
    errors, ready = [0], anyio.Event()
    started: list[int] = []
    async with anyio.create_task_group() as group:
        for _ in range(clients):
            group.start_soon(_mcp_client, path, rounds, timings, errors, ready, started, clients)
    _report(f"MCP over stdio, {clients} concurrent client sessions (one server process each) x {rounds} rounds", timings, errors[0])


@contextmanager
def republishing(source: Path, interval: float = 1.0) -> Iterator[Path]:
    """A copy of `source` that a thread republishes every `interval` seconds until the block ends.

    A real publish comes once a night; back-to-back copies of the whole file would only measure
    a disk and two cores saturated by copying.
    """
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "published.duckdb"
        shutil.copyfile(source, target)
        stop = threading.Event()
        swaps = [0]

        def loop() -> None:
            while not stop.is_set():
                staging = target.with_suffix(".publishing")
                shutil.copyfile(source, staging)
                os.chmod(staging, 0o444)
                os.replace(staging, target)
                swaps[0] += 1
                stop.wait(interval)

        thread = threading.Thread(target=loop)
        thread.start()
        try:
            yield target
        finally:
            stop.set()
            thread.join()
            print(f"  (the file was republished {swaps[0]} times meanwhile)")


def _measure(path: Path, client_counts: list[int], rounds: int) -> None:
    for clients in client_counts:
        in_process(path, clients, rounds)
        anyio.run(_over_mcp, path, clients, rounds)


def run(path: Path, client_counts: list[int], rounds: int, while_publishing: bool) -> None:
    print(f"warehouse: {path}; load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    cursor = ReadApi(path).warehouse.cursor()
    (total,) = cursor.execute("select count(*) from kpi_trend").fetchall()[0]
    plan = cursor.execute("explain analyze select * from kpi_trend where entity_type = 'merchant' and entity_id = 'M01' "
                          "and kpi_id = 'sales.daily_revenue' and grain = 'day' order by period_start desc limit 30").fetchall()[0][1]
    # The scans' "Row Groups Scanned" and row counts are the point: a trend query must not read the whole table.
    print(f"kpi_trend ({total:,} rows): a 30-period trend query for one series, EXPLAIN ANALYZE:\n{plan}")
    if while_publishing:
        with republishing(path) as copy:
            _measure(copy, client_counts, rounds)
    else:
        _measure(path, client_counts, rounds)
