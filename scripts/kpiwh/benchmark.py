"""Speed and memory of a full `kpiwh build`, phase by phase, against the raw-parse floor (printed, never asserted).

For each scale it generates the default data (every system, or `--systems`) into a work folder,
then measures:
- the raw-parse floor: every raw file read once into a DuckDB table with the base models'
  reader, nothing else;
- `kpiwh build` by phase: dbt parse, dbt build (models, seeds, tests: their summed execution
  times from run_results.json, and the wall clock), the Great Expectations checkpoint, publish;
- the peak resident memory of the build's processes;
- the nightly after it (issue 13): one new day appended (`kpiwh generate --next-day`: storefront,
  fulfillment, helpdesk)
  and built on the same warehouse as a fraction of the full build, then the same night again,
  with the models each rebuilt.
`--hotel-scale` adds the hotel system alone at that scale (48 is about 1 M reservations), in
Parquet as a hotel's extract history would be delivered. Targets: docs/benchmarks.md.
"""
from __future__ import annotations

import json
import multiprocessing
import os
import resource
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import duckdb

from kpiwh import build_inputs, generate, validate, warehouse
from kpiwh.config import DEFAULT_END_DATE, DEFAULT_SEED, Paths

T = TypeVar("T")


def _peak_rss_mib() -> float:
    """The larger peak RSS of this process (GX runs here) and of any finished child (dbt); Linux reports KiB."""
    return max(resource.getrusage(who).ru_maxrss for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)) / 1024


@dataclass
class Figures:
    label: str
    raw_rows: int = 0
    floor_s: float = 0.0
    phases: dict[str, float] = field(default_factory=dict)
    node_seconds: dict[str, float] = field(default_factory=dict)
    peak_rss_mib: float = 0.0
    exit_code: int = 0
    models_built: int = 0
    nights: list[Figures] = field(default_factory=list)

    @property
    def build_s(self) -> float:
        return sum(self.phases.values())

    def report(self) -> str:
        lines = [f"{self.label}: {self.raw_rows:,} raw rows"]
        lines.append(f"  raw-parse floor     {self.floor_s:8.1f} s   (every raw file read once into a DuckDB table)")
        for phase, seconds in self.phases.items():
            lines.append(f"  {phase:<19} {seconds:8.1f} s")
        if self.node_seconds:
            lines.append("  inside dbt build:   " + ", ".join(f"{kind} {s:.1f} s" for kind, s in self.node_seconds.items())
                         + " (summed over 2 threads)")
        ratio = self.build_s / self.floor_s if self.floor_s else float("nan")
        gx_share = self.phases.get("GX checkpoint", 0) / self.build_s * 100 if self.build_s else float("nan")
        lines.append(f"  kpiwh build total   {self.build_s:8.1f} s   = {ratio:.1f}x the floor; GX {gx_share:.0f} % of it")
        lines.append(f"  peak RSS            {self.peak_rss_mib / 1024:8.2f} GiB; exit {self.exit_code}; {self.models_built} models built")
        for night in self.nights:
            share = night.build_s / self.build_s * 100 if self.build_s else float("nan")
            lines.append(f"  {night.label:<19} {night.build_s:8.1f} s   = {share:.0f} % of the full build; "
                         f"{night.models_built} of {self.models_built} models rebuilt; exit {night.exit_code}")
        return "\n".join(lines)


def raw_parse_floor(raw_dir: Path, fmt: str) -> tuple[float, int]:
    """Seconds to read every raw file once into a table of a fresh DuckDB file, and the rows read."""
    files = sorted(raw_dir.glob(f"*/*.{fmt}"))
    with tempfile.TemporaryDirectory() as work:
        with duckdb.connect(str(Path(work) / "floor.duckdb")) as con:
            con.execute("set threads = 2")
            started = time.perf_counter()
            for i, path in enumerate(files):
                literal = "'" + str(path).replace("'", "''") + "'"
                reader = (f"read_parquet({literal})" if fmt == "parquet" else
                          f"read_csv({literal}, header = true, all_varchar = true, delim = ',', quote = '\"', escape = '\"')")
                con.execute(f"create table t{i} as select * from {reader}")
            seconds = time.perf_counter() - started
            rows = sum(int(con.execute(f"select count(*) from t{i}").fetchall()[0][0]) for i in range(len(files)))
    return seconds, rows


def _node_seconds(results: list[dict[str, Any]]) -> dict[str, float]:
    totals: dict[str, float] = {}
    for result in results:
        kind = result["unique_id"].split(".")[0]
        totals[kind] = totals.get(kind, 0.0) + result["execution_time"]
    return dict(sorted(totals.items(), key=lambda item: -item[1]))


def _models_built(results: list[dict[str, Any]]) -> int:
    """Models dbt built (not skipped) in a run's results."""
    return sum(1 for r in results if r["unique_id"].startswith("model.") and r["status"] == "success")


def _in_own_process(function: Callable[..., T], *args: object) -> T:
    """Run function in a forked process, so that its peak RSS (and its children's) is its own."""
    with multiprocessing.get_context("fork").Pool(1) as pool:
        return pool.apply(function, args)


def _generated(raw_dir: Path, scale: float, systems: list[str] | None, fmt: str) -> None:
    """Generate the data set into raw_dir, unless the same one is already there (a --keep folder)."""
    stamp = raw_dir / "generated.json"
    wanted = json.dumps({"scale": scale, "systems": systems, "format": fmt, "seed": DEFAULT_SEED, "end": str(DEFAULT_END_DATE)})
    if stamp.exists() and stamp.read_text() == wanted:
        print(f"  reusing the data generated in {raw_dir}", flush=True)
        return
    shutil.rmtree(raw_dir, ignore_errors=True)
    started = time.perf_counter()
    generate.generate(raw_dir, DEFAULT_END_DATE, scale, DEFAULT_SEED, fmt, systems)
    stamp.write_text(wanted)
    print(f"  generated in {time.perf_counter() - started:.0f} s", flush=True)


def _build(label: str, base: Path, systems: list[str] | None, fmt: str, as_of: date = DEFAULT_END_DATE, fresh: bool = True) -> Figures:
    """`kpiwh build` phase by phase on the data in base/raw, in a fresh warehouse file (or, as a
    nightly does, on the one the last build left)."""
    paths = Paths(raw_dir=base / "raw", duckdb_path=base / "bench.duckdb", published_path=base / "published" / "bench.duckdb")
    if fresh:
        paths.duckdb_path.unlink(missing_ok=True)
        for folder in (base / "target", base / "published", base / "gx"):
            shutil.rmtree(folder, ignore_errors=True)
    if systems:
        # Build what was generated (the real Classic Models data joins a full run only).
        os.environ["KPI_SOURCE_SYSTEMS"] = ",".join(systems)
    figures = Figures(label)
    # Its own target and log folders: a benchmark never disturbs the developer's dbt state.
    isolated = {"DBT_TARGET_PATH": str(base / "target"), "DBT_LOG_PATH": str(base / "logs"), "KPI_RAW_FORMAT": fmt}

    def timed(phase: str, step: Callable[[], T]) -> T:
        started = time.perf_counter()
        outcome = step()
        figures.phases[phase] = time.perf_counter() - started
        return outcome

    inputs = build_inputs.digest(paths.raw_dir, as_of, [])
    if not fresh and timed("changes", lambda: warehouse.published_build(paths, inputs)) is not None:
        # As kpiwh nightly does: the published warehouse was built from these very inputs.
        figures.peak_rss_mib = _peak_rss_mib()
        return figures
    code = timed("dbt parse", lambda: warehouse.run_dbt(["parse", "--quiet"], paths, as_of, isolated))
    if code == 0:
        code = timed("dbt build", lambda: warehouse.run_dbt(["build", "--quiet"], paths, as_of, isolated))
        run_results = base / "target" / "run_results.json"
        if run_results.exists():  # not when dbt failed before running a node
            results = json.loads(run_results.read_text())["results"]
            figures.node_seconds = _node_seconds(results)
            figures.models_built = _models_built(results)
    if code == 0:
        code = 0 if timed("GX checkpoint", lambda: validate.run(paths.duckdb_path, base / "gx")) else 1
    if code == 0:
        warehouse.record_pass(paths, as_of, inputs)
        timed("publish", lambda: warehouse.publish(paths))
    figures.exit_code = code
    figures.peak_rss_mib = _peak_rss_mib()
    return figures


def measure(label: str, base: Path, scale: float, systems: list[str] | None, fmt: str) -> Figures:
    """Generate (or reuse) the data, then the floor and the build, each in a process of its own."""
    print(f"{label}:", flush=True)
    _in_own_process(_generated, base / "raw", scale, systems, fmt)
    floor_s, raw_rows = _in_own_process(raw_parse_floor, base / "raw", fmt)
    figures = _in_own_process(_build, label, base, systems, fmt)
    figures.floor_s, figures.raw_rows = floor_s, raw_rows
    if fmt == "csv" and (systems is None or "storefront" in systems):
        day, _ = _in_own_process(generate.generate_next_day, base / "raw", scale, DEFAULT_SEED)
        (base / "raw" / "generated.json").unlink()  # the data set is no longer the one generated
        for night in ("the next night", "the night rerun"):
            figures.nights.append(_in_own_process(_build, night, base, systems, fmt, day, False))
    return figures


def run(scales: list[float], systems: list[str] | None, hotel_scale: float | None, keep: Path | None) -> list[Figures]:
    base = keep or Path(tempfile.mkdtemp(prefix="kpiwh-bench-"))
    runs = [(f"scale {scale:g}", base / f"scale-{scale:g}", scale, systems, "csv") for scale in scales]
    if hotel_scale:
        runs.append((f"hotel alone at scale {hotel_scale:g} (parquet)", base / "hotel", hotel_scale, ["hotel"], "parquet"))
    results = []
    for label, folder, scale, chosen, fmt in runs:
        figures = measure(label, folder, scale, chosen, fmt)
        print(figures.report(), flush=True)
        results.append(figures)
        if keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    if len(results) >= 2 and results[0].build_s:
        print(f"cost growth: {results[1].label} takes {results[1].build_s / results[0].build_s:.1f}x {results[0].label}")
    return results
