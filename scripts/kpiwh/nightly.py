"""`kpiwh nightly`: the one command a scheduler runs, and the record of every run.

Steps, each stopping the run when it fails: the lock, the environment check, changes (when the
published warehouse was built from exactly tonight's inputs, kpiwh.build_inputs, every later step
is skipped: a rerun of the same night rebuilds nothing; --rebuild builds anyway), `dbt source
freshness` (recorded; a source past its limit is a stale_table issue that the build's
data-quality gate judges, acknowledgements included), `dbt build`, the Great Expectations
checkpoint, publish. The published warehouse
changes only in the last step's atomic replace, so a run killed anywhere leaves it as it was,
and the next run starts over (the lock of a dead run is free, a WAL is replayed, a partial
copy is discarded). Every run that got the lock appends a record, win or lose, to a run-log
DuckDB file beside the warehouse (never the warehouse: rebuilds must not drop it) and writes a
JSON summary with dbt's sources.json and run_results.json beside it.
"""
from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from kpiwh import build_inputs, validate, warehouse
from kpiwh.config import Paths
from kpiwh.exit_codes import DQ_GATE, FAILED, SUCCESS, KpiwhError

# Runs dbt with these arguments; returns its exit code and the folder it wrote its artifacts to.
DbtRunner = Callable[[list[str]], tuple[int, Path]]

SEVERITIES = ("CRITICAL", "HIGH", "MEDIUM", "LOW")
# The tables the build writes itself: before the build their freshness is the previous night's.
FRESHNESS_ARGS = ["source", "freshness", "--exclude", "source:dq_history"]
GATE_MACRO = "macro.kpi_warehouse.dq_gate_severity"
# dbt's statuses, by the resource counted: models succeed or fail, tests pass, warn or fail.
MODEL_OUTCOMES = {"success": "passed", "error": "failed", "skipped": "skipped"}
TEST_OUTCOMES = {"pass": "passed", "warn": "warned", "fail": "failed", "error": "failed", "skipped": "skipped"}
SOURCE_OUTCOMES = {"pass": "passed", "warn": "warned", "error": "failed", "runtime error": "failed"}

RUNS_DDL = """
create table if not exists nightly_runs (
    run_id varchar primary key, started_at timestamp, ended_at timestamp, exit_code integer,
    target varchar, as_of date, dbt_args varchar,
    models_passed integer, models_failed integer, models_skipped integer,
    tests_passed integer, tests_warned integer, tests_failed integer, tests_skipped integer,
    sources_passed integer, sources_warned integer, sources_failed integer,
    dq_critical integer, dq_high integer, dq_medium integer, dq_low integer,
    published_path varchar, summary_path varchar
);
create table if not exists nightly_run_steps (
    run_id varchar, step_number integer, step varchar, started_at timestamp, seconds double, outcome varchar, detail varchar
);
"""


@dataclass
class Step:
    name: str
    started_at: str
    seconds: float
    outcome: str  # ok, warn or failed
    detail: str


@dataclass
class RunRecord:
    """One nightly run; times are UTC."""

    run_id: str
    started_at: str
    target: str
    as_of: str | None
    dbt_args: list[str]
    ended_at: str = ""
    exit_code: int = SUCCESS
    steps: list[Step] = field(default_factory=list)
    sources: dict[str, int] = field(default_factory=dict)
    models: dict[str, int] = field(default_factory=dict)
    tests: dict[str, int] = field(default_factory=dict)
    dq_issues: dict[str, int] = field(default_factory=dict)
    published_path: str | None = None


def _now() -> str:
    return datetime.now(UTC).replace(tzinfo=None).isoformat(timespec="milliseconds")


def run_log_path(paths: Paths) -> Path:
    return paths.duckdb_path.parent / "nightly_runs.duckdb"


def run_folder(paths: Paths, run_id: str) -> Path:
    return paths.duckdb_path.parent / "nightly_runs" / run_id


def count(results: list[dict[str, Any]], resource_types: tuple[str, ...], outcomes: dict[str, str]) -> dict[str, int]:
    """Results of these resource types by outcome (passed, warned, failed, skipped), every outcome present."""
    counts = Counter(outcomes[r["status"]] for r in results if r["unique_id"].split(".")[0] in resource_types)
    return {outcome: counts.get(outcome, 0) for outcome in dict.fromkeys(outcomes.values())}


def gate_tests(manifest: dict[str, Any]) -> set[str]:
    """The tests whose severity is the data-quality gate's: they call dq_gate_severity, directly or in their generic test."""
    gated_macros = {name for name, macro in manifest["macros"].items() if GATE_MACRO in macro["depends_on"]["macros"]} | {GATE_MACRO}
    return {name for name, node in manifest["nodes"].items()
            if node["resource_type"] == "test" and gated_macros & set(node["depends_on"]["macros"])}


def dq_issue_counts(db_path: Path) -> dict[str, int]:
    """Issues the build detected (open or acknowledged, not resolved) by severity; none when the build did not get that far."""
    try:
        with duckdb.connect(str(db_path), read_only=True) as con:
            rows = dict(con.execute("select severity, count(*) from fct_dq_issues where issue_state != 'resolved' group by severity").fetchall())
    except duckdb.Error:
        return {}
    return {severity: rows.get(severity, 0) for severity in SEVERITIES}


def _keep(artifact: Path, folder: Path) -> dict[str, Any] | None:
    """Read one of dbt's JSON artifacts and keep a copy with the run's record."""
    if not artifact.exists():
        return None
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(artifact, folder / artifact.name)
    loaded: dict[str, Any] = json.loads(artifact.read_text())
    return loaded


def dbt_runner(paths: Paths, as_of: date | None) -> DbtRunner:
    """dbt run as `kpiwh build` runs it; artifacts of an earlier command are removed first, so none is mistaken for this one's."""

    def run(args: list[str]) -> tuple[int, Path]:
        target = warehouse.target_dir()
        for stale in ("sources.json", "run_results.json"):
            (target / stale).unlink(missing_ok=True)
        return warehouse.run_dbt(args, paths, as_of), target

    return run


class Nightly:
    """The steps of one run, each returning (exit code, outcome, detail)."""

    def __init__(self, paths: Paths, as_of: date | None, dbt_args: list[str], dbt: DbtRunner, rebuild: bool = False) -> None:
        self.paths, self.as_of, self.dbt_args, self.dbt, self.rebuild = paths, as_of, dbt_args, dbt, rebuild
        self.inputs = ""
        self.up_to_date = False
        started = datetime.now(UTC)
        self.record = RunRecord(
            run_id=f"{started:%Y%m%dT%H%M%S%fZ}-{os.getpid()}", started_at=_now(), target=os.environ.get("KPI_TARGET", "dev"),
            as_of=as_of.isoformat() if as_of else os.environ.get("KPI_AS_OF") or None, dbt_args=dbt_args,
        )
        self.folder = run_folder(paths, self.record.run_id)

    def environment(self) -> tuple[int, str, str]:
        warehouse.check_environment(self.paths)
        return SUCCESS, "ok", ""

    def changes(self) -> tuple[int, str, str]:
        """Nothing to do when the published warehouse was built from exactly tonight's inputs."""
        self.inputs = build_inputs.digest(self.paths.raw_dir, self.as_of, self.dbt_args)
        passed_at = None if self.rebuild else warehouse.published_build(self.paths, self.inputs)
        if passed_at is None:
            return SUCCESS, "ok", "rebuild asked for" if self.rebuild else ""
        self.up_to_date = True
        self.record.published_path = str(self.paths.published_path)
        return SUCCESS, "ok", f"inputs unchanged since the build published at {passed_at}: nothing to rebuild"

    def freshness(self) -> tuple[int, str, str]:
        code, target = self.dbt(FRESHNESS_ARGS)
        sources = _keep(target / "sources.json", self.folder)
        if sources is None:
            return FAILED, "failed", f"dbt source freshness exited {code} without sources.json"
        results = sources["results"]
        self.record.sources = count(results, ("source",), SOURCE_OUTCOMES)
        late = {status: [r["unique_id"].split(".", 2)[2] for r in results if r["status"] == status] for status in SOURCE_OUTCOMES}
        if late["runtime error"]:
            return FAILED, "failed", "freshness could not be measured: " + ", ".join(late["runtime error"])
        # A source past its error limit is a stale_table issue in the build: the data-quality
        # gate judges it there, where it can be acknowledged, and the KPIs show it (Q.1).
        late_sources = [*(f"{name} (past the error limit)" for name in late["error"]), *late["warn"]]
        return SUCCESS, *(("warn", "late: " + ", ".join(late_sources)) if late_sources else ("ok", ""))

    def build(self) -> tuple[int, str, str]:
        warehouse.forget_pass(self.paths)
        code, target = self.dbt(["build", *self.dbt_args])
        results = _keep(target / "run_results.json", self.folder)
        self.record.dq_issues = dq_issue_counts(self.paths.duckdb_path)
        if results is None:
            return FAILED, "failed", f"dbt build exited {code} without run_results.json"
        nodes = results["results"]
        self.record.models = count(nodes, ("model",), MODEL_OUTCOMES)
        self.record.tests = count(nodes, ("test", "unit_test"), TEST_OUTCOMES)
        failed = sorted(r["unique_id"] for r in nodes if r["status"] in ("error", "fail"))
        if code == 0:
            warned = self.record.tests["warned"]
            return SUCCESS, *(("warn", f"{warned} tests warned") if warned else ("ok", ""))
        detail = f"dbt exited {code}; failed: " + ", ".join(failed[:5]) + (" ..." if len(failed) > 5 else "")
        manifest_path = target / "manifest.json"
        gated = gate_tests(json.loads(manifest_path.read_text())) if manifest_path.exists() else set()
        return (DQ_GATE if failed and set(failed) <= gated else FAILED), "failed", detail

    def validate(self) -> tuple[int, str, str]:
        passed = validate.run(self.paths.duckdb_path, self.paths.duckdb_path.parent)
        return (SUCCESS, "ok", "") if passed else (FAILED, "failed", "the Great Expectations checkpoint failed")

    def publish(self) -> tuple[int, str, str]:
        warehouse.record_pass(self.paths, self.as_of, self.inputs)
        self.record.published_path = str(warehouse.publish(self.paths))
        return SUCCESS, "ok", self.record.published_path

    def run(self) -> int:
        steps: list[tuple[str, Callable[[], tuple[int, str, str]]]] = [
            ("environment", self.environment), ("changes", self.changes), ("source freshness", self.freshness), ("dbt build", self.build),
            ("validate", self.validate), ("publish", self.publish),
        ]
        for name, step in steps:
            if self.up_to_date:
                self.record.steps.append(Step(name, _now(), 0.0, "skipped", ""))
                continue
            started, clock = _now(), time.perf_counter()
            try:
                code, outcome, detail = step()
            except KpiwhError as error:
                code, outcome, detail = error.code, "failed", str(error)
            self.record.steps.append(Step(name, started, round(time.perf_counter() - clock, 3), outcome, detail))
            print(f"nightly: {name}: {outcome}" + (f" ({detail})" if detail else ""), file=sys.stderr, flush=True)
            if code != SUCCESS:
                self.record.exit_code = code
                break
        self.record.ended_at = _now()
        self.write()
        return self.record.exit_code

    def write(self) -> None:
        """The JSON summary first (it needs no lock), then the run-log row."""
        self.folder.mkdir(parents=True, exist_ok=True)
        summary = self.folder / "summary.json"
        summary.write_text(json.dumps(asdict(self.record), indent=2) + "\n")
        try:
            append(run_log_path(self.paths), self.record, summary)
        except duckdb.Error as error:
            print(f"kpiwh: the run record is in {summary} only, not in {run_log_path(self.paths)}: {str(error).splitlines()[0]}", file=sys.stderr)


def append(run_log: Path, record: RunRecord, summary: Path) -> None:
    """Append one run and its steps to the run log."""
    zero: dict[str, int] = {}
    models, tests, sources, dq = (record.models or zero), (record.tests or zero), (record.sources or zero), (record.dq_issues or zero)
    with duckdb.connect(str(run_log)) as con:
        con.execute(RUNS_DDL)
        con.execute(
            "insert into nightly_runs values (" + ", ".join("?" * 23) + ")",
            [record.run_id, record.started_at, record.ended_at, record.exit_code, record.target, record.as_of, json.dumps(record.dbt_args),
             models.get("passed"), models.get("failed"), models.get("skipped"),
             tests.get("passed"), tests.get("warned"), tests.get("failed"), tests.get("skipped"),
             sources.get("passed"), sources.get("warned"), sources.get("failed"),
             *(dq.get(severity) for severity in SEVERITIES), record.published_path, str(summary)],
        )
        con.executemany(
            "insert into nightly_run_steps values (?, ?, ?, ?, ?, ?, ?)",
            [[record.run_id, number, s.name, s.started_at, s.seconds, s.outcome, s.detail] for number, s in enumerate(record.steps, 1)],
        )


def run(paths: Paths, as_of: date | None, dbt_args: list[str], dbt: DbtRunner | None = None, rebuild: bool = False) -> int:
    """One nightly run under the working warehouse's lock; returns its exit code (see kpiwh.exit_codes).
    `rebuild`: build even when the published warehouse was built from the same inputs."""
    with warehouse.working_lock(paths):
        return Nightly(paths, as_of, dbt_args, dbt or dbt_runner(paths, as_of), rebuild).run()
