"""The Dagster code location, in process: its schedule's job materializes every dbt model of the fixture and publishes."""
from __future__ import annotations

import json

import duckdb
from dagster import DagsterInstance, build_schedule_context

from kpiwh.config import Paths
from kpiwh.orchestration.assets import NIGHTLY_CRON, build_definitions, prepare_manifest
from nightly_fixtures import fresh_storefront, nightly_env


def test_schedule_runs_the_nightly_over_the_dbt_assets(tmp_path, monkeypatch):
    for name, value in nightly_env(fresh_storefront(tmp_path / "raw"), tmp_path).items():
        monkeypatch.setenv(name, value)
    paths = Paths.from_env()
    manifest = prepare_manifest(paths)
    nodes = json.loads(manifest.read_text())["nodes"].values()
    # dagster-dbt's assets: every model and seed of the systems present.
    models = {node["name"] for node in nodes if node["resource_type"] in ("model", "seed")}
    assert "kpi_values" in models and "dq_check_severities" in models and "fct_sales_daily" in models and not any(m.startswith("stg_retail") for m in models)

    defs = build_definitions(manifest)
    schedule = defs.resolve_schedule_def("kpiwh_nightly_schedule")
    assert (schedule.cron_schedule, schedule.execution_timezone) == (NIGHTLY_CRON, "UTC") == ("0 3 * * *", "UTC")
    requests = list(schedule.evaluate_tick(build_schedule_context()).run_requests or [])
    assert len(requests) == 1 and requests[0].job_name in (None, "kpiwh_nightly")

    instance = DagsterInstance.ephemeral()
    result = defs.resolve_job_def("kpiwh_nightly").execute_in_process(instance=instance)
    assert result.success
    materialized = {event.asset_key.path[-1] for event in result.get_asset_materialization_events()}
    assert materialized == models

    # The run went through kpiwh nightly: its record, and a read-only published copy with the KPIs.
    with duckdb.connect(str(paths.duckdb_path.parent / "nightly_runs.duckdb"), read_only=True) as con:
        assert con.execute("select exit_code, published_path from nightly_runs").fetchall() == [(0, str(paths.published_path))]
    assert paths.published_path.stat().st_mode & 0o777 == 0o444
    with duckdb.connect(str(paths.published_path), read_only=True) as con:
        assert con.execute("select count(*) from kpi_values where entity_id = 'M01'").fetchone()[0] > 0
