"""Scale check for spec 003: about a million hotel reservations must build within memory.

    python -m kpiwh.bench_hotel --scale 48 --work /tmp/hotel-bench --memory-limit 8GB

Generates the hotel system alone at `--scale` (48 is about 1 million reservations and 14 million
extract rows; Parquet, because a CSV of that size is slow to write and read), then runs
`dbt build` on the hotel models and KPIs with DuckDB capped at `--memory-limit` (DuckDB spills
to disk beyond it) through a throw-away profiles.yml, and prints the sizes, wall times and peak
memory (RSS) of both steps. Not a timed test: run it by hand after changing the hotel models.
"""
from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

import duckdb

from kpiwh.config import DEFAULT_END_DATE, DEFAULT_SEED, REPO_ROOT
from kpiwh.generate import generate

PROFILE = """kpi_warehouse:
  target: bench
  outputs:
    bench:
      type: duckdb
      path: "{path}"
      threads: 2
      settings:
        memory_limit: "{memory_limit}"
        temp_directory: "{temp_dir}"
"""


def _peak_rss_gib(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024 / 1024  # Linux reports KiB


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--scale", type=float, default=48.0)
    p.add_argument("--work", type=Path, default=Path("/tmp/hotel-bench"))
    p.add_argument("--memory-limit", default="8GB")
    args = p.parse_args(argv)
    raw, db = args.work / "raw", args.work / "bench.duckdb"
    args.work.mkdir(parents=True, exist_ok=True)
    db.unlink(missing_ok=True)

    started = time.monotonic()
    counts = generate(raw, DEFAULT_END_DATE, args.scale, DEFAULT_SEED, "parquet", ["hotel"])["hotel"]
    generated = time.monotonic() - started
    with duckdb.connect() as con:
        reservations = con.execute(
            f"select count(distinct reservation_id) from read_parquet('{raw}/hotel/reservation_extracts.parquet')"
        ).fetchone()[0]
    print(f"generated scale {args.scale}: {reservations:,} reservations, {counts['reservation_extracts']:,} extract rows "
          f"in {generated:.0f} s, peak RSS {_peak_rss_gib(resource.RUSAGE_SELF):.1f} GiB")

    (args.work / "profiles.yml").write_text(PROFILE.format(path=db, memory_limit=args.memory_limit, temp_dir=args.work / "spill"))
    env = {
        **os.environ,
        "DBT_PROFILES_DIR": str(args.work),
        "KPI_RAW_DIR": str(raw),
        "KPI_RAW_FORMAT": "parquet",
        "KPI_SOURCE_SYSTEMS": "hotel",
        "KPI_AS_OF": DEFAULT_END_DATE.isoformat(),
        "DBT_TARGET_PATH": str(args.work / "target"),
        "DBT_LOG_PATH": str(args.work / "logs"),
    }
    dbt = Path(sys.executable).with_name("dbt")
    started = time.monotonic()
    result = subprocess.run([str(dbt), "build"], cwd=REPO_ROOT, env=env)
    built = time.monotonic() - started
    if result.returncode != 0:
        print(f"dbt build FAILED after {built:.0f} s", file=sys.stderr)
        return result.returncode
    with duckdb.connect(str(db), read_only=True) as con:
        fact_rows = con.execute("select count(*) from fct_hotel_otb_daily").fetchone()[0]
    print(f"dbt build succeeded in {built:.0f} s (memory_limit {args.memory_limit}); fct_hotel_otb_daily "
          f"{fact_rows:,} rows; peak RSS of dbt {_peak_rss_gib(resource.RUSAGE_CHILDREN):.1f} GiB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
