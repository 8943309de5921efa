"""`kpiwh nightly` and `kpiwh build` as a scheduler runs them (subprocesses on the storefront fixture).

One module-scoped night is built once; the tests after it read it, hold its lock, kill a
rerun midway and select a part of it. Counts are compared with dbt's own artifacts and the
warehouse's tables, read here directly.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd
import pytest

from kpiwh.config import DEFAULT_END_DATE, DEFAULT_SEED, REPO_ROOT
from kpiwh.generate import SYSTEMS, generate
from nightly_fixtures import AS_OF, KPIWH, fresh_storefront, kpiwh, nightly_env, published, runs, warehouse_dir


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def one_line(stderr: str) -> str:
    """The message of a refused run: exactly one line, no traceback."""
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    return lines[0]


@pytest.fixture(scope="module")
def night(tmp_path_factory) -> tuple[dict[str, str], subprocess.CompletedProcess]:
    base = tmp_path_factory.mktemp("nightly")
    env = nightly_env(fresh_storefront(base / "raw"), base)
    return env, kpiwh(["nightly"], env)


def test_successful_nightly_records_the_run(night):
    env, result = night
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    [run] = runs(env)
    assert run["exit_code"] == 0 and run["target"] == "dev" and str(run["as_of"]) == "2026-11-20"
    folder = warehouse_dir(env) / "nightly_runs" / run["run_id"]

    # Counts as dbt's run_results.json (kept with the run, and the one dbt wrote) has them.
    results = json.loads((Path(env["DBT_TARGET_PATH"]) / "run_results.json").read_text())["results"]
    assert json.loads((folder / "run_results.json").read_text())["results"] == results
    statuses = Counter((r["unique_id"].split(".")[0], r["status"]) for r in results)
    tests = Counter(r["status"] for r in results if r["unique_id"].split(".")[0] in ("test", "unit_test"))
    assert (run["models_passed"], run["models_failed"], run["models_skipped"]) == (statuses["model", "success"], 0, 0)
    # Every model the manifest enables for the storefront ran: none silently skipped.
    manifest = json.loads((Path(env["DBT_TARGET_PATH"]) / "manifest.json").read_text())
    assert run["models_passed"] == sum(1 for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["config"]["enabled"])
    assert (run["tests_passed"], run["tests_warned"], run["tests_failed"]) == (tests["pass"], tests["warn"], tests["fail"] + tests["error"])
    assert run["tests_warned"] == 1 and run["tests_failed"] == 0
    # Freshness: the five storefront extracts, loaded an hour before the end of as_of, all pass.
    sources = json.loads((folder / "sources.json").read_text())["results"]
    assert sorted(r["unique_id"] for r in sources) == [f"source.kpi_warehouse.storefront.{t}" for t in
                                                       ("customers", "merchants", "order_lines", "orders", "products")]
    assert (run["sources_passed"], run["sources_warned"], run["sources_failed"]) == (5, 0, 0)
    # DQ issues by severity, as the published warehouse's issue log has those it detected (a
    # first build has none resolved).
    with duckdb.connect(str(published(env)), read_only=True) as con:
        by_severity = dict(con.execute("select severity, count(*) from fct_dq_issues group by all").fetchall())
        assert con.execute("select distinct issue_state from fct_dq_issues").fetchall() == [("open",)]
    assert (run["dq_critical"], run["dq_high"], run["dq_medium"], run["dq_low"]) == tuple(by_severity.get(s, 0) for s in ("CRITICAL", "HIGH", "MEDIUM", "LOW"))
    assert run["dq_critical"] == 0 and run["dq_high"] > 0
    # Steps in order, with their durations; the JSON summary says the same.
    with duckdb.connect(str(warehouse_dir(env) / "nightly_runs.duckdb"), read_only=True) as con:
        steps = con.execute("select step, outcome, seconds from nightly_run_steps order by step_number").fetchall()
    assert [(s, o) for s, o, _ in steps] == [("environment", "ok"), ("changes", "ok"), ("source freshness", "ok"), ("dbt build", "warn"),
                                             ("validate", "ok"), ("publish", "ok")]
    assert all(seconds >= 0 for *_, seconds in steps) and steps[3][2] > 1
    summary = json.loads((folder / "summary.json").read_text())
    assert summary["exit_code"] == 0 and summary["tests"] == {"passed": run["tests_passed"], "warned": 1, "failed": 0, "skipped": 0}
    # Published: the working file's bytes, read-only on disk, no partial copy left.
    assert sha256(published(env)) == sha256(Path(env["KPI_DUCKDB_PATH"]))
    assert published(env).stat().st_mode & 0o777 == 0o444
    assert not list(published(env).parent.glob("*.publishing"))


def test_rerun_of_the_same_night_rebuilds_nothing(night):
    env, _ = night
    working = Path(env["KPI_DUCKDB_PATH"])
    before = (sha256(published(env)), published(env).stat().st_mtime_ns, working.stat().st_mtime_ns)
    rerun = kpiwh(["nightly"], env, timeout=120)
    assert rerun.returncode == 0, rerun.stderr[-3000:]
    assert "nightly: changes: ok (inputs unchanged since the build published at" in rerun.stderr
    # Neither dbt nor the checkpoint ran: both files are untouched, and the record says why.
    assert (sha256(published(env)), published(env).stat().st_mtime_ns, working.stat().st_mtime_ns) == before
    run = runs(env)[-1]
    assert run["exit_code"] == 0 and run["published_path"] == str(published(env)) and run["models_passed"] is None
    with duckdb.connect(str(warehouse_dir(env) / "nightly_runs.duckdb"), read_only=True) as con:
        steps = con.execute("select step, outcome from nightly_run_steps where run_id = ? order by step_number", [run["run_id"]]).fetchall()
    assert steps == [("environment", "ok"), ("changes", "ok"), *((step, "skipped") for step in ("source freshness", "dbt build", "validate", "publish"))]


def test_second_nightly_while_one_holds_the_lock_exits_3(night):
    env, _ = night
    before = sha256(published(env))
    recorded = len(runs(env))
    with open(warehouse_dir(env) / "kpi.duckdb.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        lock.seek(0)
        lock.truncate()
        lock.write(f"{os.getpid()}\n")
        lock.flush()
        started = time.monotonic()
        for command in (["nightly"], ["build"], ["publish"]):
            refused = kpiwh(command, env, timeout=60)
            assert refused.returncode == 3
            assert f"(PID {os.getpid()}) is running" in one_line(refused.stderr)
        assert time.monotonic() - started < 30  # at once: no dbt was started
    assert sha256(published(env)) == before
    assert len(runs(env)) == recorded


def test_killed_nightly_is_followed_by_a_successful_one(night):
    env, _ = night
    before = sha256(published(env))
    recorded = len(runs(env))
    log = (warehouse_dir(env) / "killed.stdout").open("w")
    # --rebuild: the inputs are those of the published build, which a plain nightly would not redo.
    process = subprocess.Popen([KPIWH, "nightly", "--rebuild"], env={**os.environ, **env}, stdout=log, stderr=subprocess.PIPE, text=True, cwd=REPO_ROOT)
    assert process.stderr is not None
    for line in process.stderr:
        if line.startswith("nightly: source freshness"):
            break
    time.sleep(6)  # well into dbt build (about 20 s on this fixture)
    children = [int(pid) for pid in Path(f"/proc/{process.pid}/task/{process.pid}/children").read_text().split()]
    assert children, "dbt build should be running"
    process.send_signal(signal.SIGKILL)
    process.wait()
    # dbt dies with it (it would otherwise hold the working file): gone within seconds.
    deadline = time.monotonic() + 20
    while any(Path(f"/proc/{pid}").exists() for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(Path(f"/proc/{pid}").exists() for pid in children)
    assert sha256(published(env)) == before
    # Killed mid-build: the working file is not publishable.
    refused = kpiwh(["publish"], env, timeout=60)
    assert refused.returncode == 1 and "has not passed a build and validation" in one_line(refused.stderr)
    assert sha256(published(env)) == before

    again = kpiwh(["nightly"], env)
    assert again.returncode == 0, again.stdout[-3000:] + again.stderr[-3000:]
    # The killed run never got to write its record.
    assert [r["exit_code"] for r in runs(env)][recorded:] == [0]
    assert runs(env)[-1]["models_passed"] > 0
    assert sha256(published(env)) == sha256(Path(env["KPI_DUCKDB_PATH"])) != before


def test_build_passes_dbt_selectors_through(night):
    env, _ = night
    manifest = json.loads((Path(env["DBT_TARGET_PATH"]) / "manifest.json").read_text())
    sales_models = {n["unique_id"] for n in manifest["nodes"].values() if n["resource_type"] == "model" and n["fqn"][1:3] == ["marts", "sales"]}
    assert "model.kpi_warehouse.fct_sales_daily" in sales_models
    for args in (["-s", "marts.sales"], ["--", "--select", "marts.sales"]):
        result = kpiwh(["build", "--no-publish", *args], env)
        assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
        results = json.loads((Path(env["DBT_TARGET_PATH"]) / "run_results.json").read_text())["results"]
        assert {r["unique_id"] for r in results if r["unique_id"].startswith("model.")} == sales_models
    # An exclusion and a var pass through too (a user's --vars merged with the systems kpiwh chooses).
    result = kpiwh(["build", "--no-publish", "-s", "marts.sales", "--exclude", "fct_sales_yearly", "--vars", "{spine_start_date: '2000-01-01'}"], env)
    assert result.returncode == 0, result.stdout[-3000:]
    results = json.loads((Path(env["DBT_TARGET_PATH"]) / "run_results.json").read_text())["results"]
    assert {r["unique_id"] for r in results if r["unique_id"].startswith("model.")} == sales_models - {"model.kpi_warehouse.fct_sales_yearly"}
    # Arguments that are not dbt's are still refused for the other commands.
    assert kpiwh(["dashboard", "-s", "x"], env).returncode == 2


def test_publish_refuses_after_a_failed_build(night):
    env, _ = night
    before = sha256(published(env))
    failed = kpiwh(["build", "--no-publish", "--no-such-dbt-option"], env)
    assert failed.returncode == 1
    refused = kpiwh(["publish"], env, timeout=60)
    assert refused.returncode == 1
    assert one_line(refused.stderr) == (f"kpiwh: {env['KPI_DUCKDB_PATH']} has not passed a build and validation since it last changed: "
                                        "not published (run `kpiwh build`)")
    assert sha256(published(env)) == before


def test_missing_raw_folder_is_a_bad_environment(tmp_path):
    env = nightly_env(tmp_path / "no-such-raw", tmp_path)
    for command in (["build"], ["nightly"]):
        result = kpiwh(command, env, timeout=60)
        assert result.returncode == 4
        assert f"raw folder {tmp_path / 'no-such-raw'} does not exist: set KPI_RAW_DIR or run `kpiwh generate`" in one_line(result.stderr)


def test_reader_holding_the_working_file_is_named(tmp_path):
    env = nightly_env(fresh_storefront(tmp_path / "raw"), tmp_path)
    working = Path(env["KPI_DUCKDB_PATH"])
    working.parent.mkdir(parents=True)
    duckdb.connect(str(working)).close()
    reader = subprocess.Popen([sys.executable, "-c", f"import duckdb, time; con = duckdb.connect({str(working)!r}, read_only=True); print('open', flush=True); time.sleep(60)"],
                              stdout=subprocess.PIPE, text=True)
    try:
        assert reader.stdout is not None and reader.stdout.readline() == "open\n"
        for command in (["build"], ["nightly"]):
            result = kpiwh(command, env, timeout=60)
            assert result.returncode == 4
            message = one_line(result.stderr)
            assert f"{working} is held by another process, PID {reader.pid} (" in message and "import duckdb" in message
    finally:
        reader.kill()
        reader.wait()


def steps(env: dict[str, str]) -> list[tuple[str, str]]:
    with duckdb.connect(str(warehouse_dir(env) / "nightly_runs.duckdb"), read_only=True) as con:
        return con.execute("select step, outcome from nightly_run_steps order by step_number").fetchall()


def test_prod_nightly_publishes_on_the_default_data(tmp_path):
    # The generated default data (every generated system, as `make run` makes it) carries old
    # receipt-sequence breaks and a product extract 70 hours old on purpose: the first are out of
    # the periods being published, the second is acknowledged in seeds/dq until 2026-12-31.
    raw = tmp_path / "raw"
    generate(raw, DEFAULT_END_DATE, 1.0, DEFAULT_SEED, "csv")
    env = {**nightly_env(raw, tmp_path), "KPI_TARGET": "prod", "KPI_AS_OF": DEFAULT_END_DATE.isoformat(),
           "KPI_SOURCE_SYSTEMS": ",".join(SYSTEMS)}
    result = kpiwh(["nightly"], env, timeout=1200)
    assert result.returncode == 0, result.stderr[-3000:]
    with duckdb.connect(str(published(env)), read_only=True) as con:
        critical = con.execute("select issue_id, issue_state, is_in_scope, is_gating from kpi_dq_gate where severity = 'CRITICAL' order by 1").fetchall()
        [(q3,)] = con.execute("select value from kpi_values where kpi_id = 'dq.critical_issues' and entity_type = 'warehouse'").fetchall()
    assert ("storefront.products:stale_table:*:2026-11-18", "acknowledged", True, False) in critical
    breaks = [row for row in critical if row[0].startswith("retail.pos_receipts:sequence_")]
    assert len(breaks) >= 1 and all(state == "open" and not in_scope for _, state, in_scope, _ in breaks)
    assert all(period < "2026-11-01" for period in (row[0].rsplit(":", 1)[1] for row in breaks))
    assert q3 == 0


def test_prod_nightly_with_a_critical_issue_is_a_data_quality_failure(tmp_path):
    # Fresh extracts, but orders.csv lost a column its contract cannot do without: every order
    # is quarantined, a missing_column issue (CRITICAL), and the prod gate fails the build.
    raw = fresh_storefront(tmp_path / "raw")
    orders = raw / "storefront" / "orders.csv"
    pd.read_csv(orders, dtype=str, keep_default_na=False).drop(columns=["total_price"]).to_csv(orders, index=False)
    env = {**nightly_env(raw, tmp_path), "KPI_TARGET": "prod"}
    result = kpiwh(["nightly"], env)
    assert result.returncode == 2, result.stdout[-3000:] + result.stderr[-3000:]
    assert "failed: test.kpi_warehouse.assert_no_critical_data_issues)" in result.stderr
    assert steps(env) == [("environment", "ok"), ("changes", "ok"), ("source freshness", "ok"), ("dbt build", "failed")]
    with duckdb.connect(env["KPI_DUCKDB_PATH"], read_only=True) as con:
        critical = con.execute("select source_table, check_name from fct_dq_issues where severity = 'CRITICAL' order by 1").fetchall()
    assert critical == [("orders", "missing_column")]
    [run] = runs(env)
    assert (run["exit_code"], run["target"], run["dq_critical"], run["tests_failed"], run["published_path"]) == (2, "prod", 1, 1, None)
    assert not published(env).exists()


def test_a_source_past_its_freshness_error_limit_is_judged_by_the_prod_gate(tmp_path):
    # Freshness is measured at the end of the as_of day, as Q.1 measures it: orders last loaded
    # 50 hours before it are past the 48-hour error limit. The freshness step records it; the
    # build's gate fails on the stale_table issue it raises (which an acknowledgement could lift).
    raw = fresh_storefront(tmp_path / "raw")
    orders = raw / "storefront" / "orders.csv"
    frame = pd.read_csv(orders, dtype=str, keep_default_na=False)
    day_end = datetime.fromisoformat(AS_OF) + timedelta(days=1)
    loaded = day_end - timedelta(hours=50)  # error after 48 h
    frame["_loaded_at"] = loaded.strftime("%Y-%m-%d %H:%M:%S")
    frame.to_csv(orders, index=False)
    env = {**nightly_env(raw, tmp_path), "KPI_TARGET": "prod"}
    result = kpiwh(["nightly"], env)
    assert result.returncode == 2, result.stderr[-3000:]
    assert steps(env) == [("environment", "ok"), ("changes", "ok"), ("source freshness", "warn"), ("dbt build", "failed")]
    with duckdb.connect(env["KPI_DUCKDB_PATH"], read_only=True) as con:
        gating = con.execute("select issue_id from kpi_dq_gate where is_gating").fetchall()
    assert gating == [(f"storefront.orders:stale_table:*:{loaded.date()}",)]
    assert not published(env).exists()
    [run] = runs(env)
    assert (run["sources_passed"], run["sources_warned"], run["sources_failed"], run["exit_code"]) == (4, 0, 1, 2)
