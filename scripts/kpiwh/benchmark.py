"""Speed and memory figures for the generator and a full build at a given scale (printed, not asserted)."""
from __future__ import annotations

import resource
import tempfile
import time
from pathlib import Path

import duckdb

from kpiwh import generate, warehouse
from kpiwh.config import DEFAULT_END_DATE, DEFAULT_SEED, Paths


def _peak_child_rss_mib() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def run(scale: float, systems: list[str] | None, keep: Path | None) -> None:
    base = keep or Path(tempfile.mkdtemp(prefix="kpiwh-bench-"))
    paths = Paths(raw_dir=base / "raw", duckdb_path=base / "bench.duckdb", published_path=base / "published.duckdb")
    start = time.perf_counter()
    counts = generate.generate(paths.raw_dir, DEFAULT_END_DATE, scale, DEFAULT_SEED, "csv", systems)
    generated = time.perf_counter() - start
    rows = sum(n for tables in counts.values() for n in tables.values())
    print(f"generate  scale={scale:g}: {rows:,} rows in {generated:.1f} s ({rows / generated:,.0f} rows/s)")
    for system, tables in counts.items():
        print(f"          {system}: " + ", ".join(f"{t} {n:,}" for t, n in tables.items()))
    start = time.perf_counter()
    # Its own target and log folders: a benchmark never disturbs the developer's dbt state.
    isolated = {"DBT_TARGET_PATH": str(base / "target"), "DBT_LOG_PATH": str(base / "logs")}
    code = warehouse.run_dbt(["build", "--quiet"], paths, DEFAULT_END_DATE, isolated)
    built = time.perf_counter() - start
    print(f"dbt build: exit {code} in {built:.1f} s, peak child RSS {_peak_child_rss_mib():,.0f} MiB")
    if code == 0:
        with duckdb.connect(str(paths.duckdb_path), read_only=True) as con:
            (kpi_rows,) = con.execute("select count(*) from kpi_values").fetchone()
        print(f"kpi_values: {kpi_rows:,} rows; warehouse file {paths.duckdb_path.stat().st_size / 2**20:,.0f} MiB at {base}")
