"""Dagster definitions: every dbt model an asset (dagster-dbt, from the manifest), and a daily schedule running the nightly.

The assets' computation is `kpiwh nightly` itself (lock, source freshness, build, GX
checkpoint, publish, run record) with its `dbt build` run through dagster-dbt, so that Dagster
records a materialization per model and a check result per test, and a run scheduled by
Dagster and one started by cron leave the same run record and exit codes.
"""
# No `from __future__ import annotations`: Dagster reads the asset function's annotations at definition time.

import os
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Any

from dagster import AssetExecutionContext, Definitions, Failure, ScheduleDefinition, define_asset_job
from dagster_dbt import DbtCliResource, dbt_assets

from kpiwh import nightly, systems, warehouse
from kpiwh.config import REPO_ROOT, Paths
from kpiwh.exit_codes import KpiwhError

# 03:00 UTC: after the raw extracts of the day before have landed (the same line as the cron example in README.md).
NIGHTLY_CRON = "0 3 * * *"


@contextmanager
def _dbt_environment(paths: Paths, as_of: date | None) -> Iterator[None]:
    """dagster-dbt hands dbt the process environment: lend it the one `kpiwh` gives dbt for the run's length."""
    saved = dict(os.environ)
    os.environ.update(warehouse.dbt_env(paths, as_of))
    try:
        yield
    finally:
        os.environ.clear()
        os.environ.update(saved)


def prepare_manifest(paths: Paths) -> Path:
    """`dbt parse` on the systems present, so the assets are the models a build of this data runs."""
    code = warehouse.run_dbt(["parse", "--quiet"], paths, None)
    manifest = warehouse.target_dir() / "manifest.json"
    if code != 0 or not manifest.exists():
        raise KpiwhError(f"dbt parse exited {code}: no manifest for the Dagster assets", code or 1)
    return manifest


def build_definitions(manifest: Path) -> Definitions:
    """The code location for one manifest: the dbt assets, the nightly job over them and its daily schedule."""

    @dbt_assets(manifest=manifest, name="kpi_warehouse")
    def kpi_warehouse(context: AssetExecutionContext, dbt: DbtCliResource) -> Iterator[Any]:
        paths = Paths.from_env()
        selection = systems.select_from_env(paths.raw_dir)
        events: list[Any] = []

        def run_dbt(args: list[str]) -> tuple[int, Path]:
            # Only the build materializes assets; freshness is a plain command of the run.
            invocation = dbt.cli(selection.dbt_args(args), context=context if args[0] == "build" else None, raise_on_error=False)
            events.extend(invocation.stream() if args[0] == "build" else [])
            invocation.wait()
            return invocation.process.returncode, invocation.target_path

        with _dbt_environment(paths, None):
            code = nightly.run(paths, None, [], run_dbt)
        yield from events
        if code != 0:
            raise Failure(f"kpiwh nightly exited {code} (see its run record in {nightly.run_log_path(paths)})", metadata={"exit_code": code})

    job = define_asset_job("kpiwh_nightly", selection=[kpi_warehouse])
    return Definitions(
        assets=[kpi_warehouse],
        jobs=[job],
        schedules=[ScheduleDefinition(name="kpiwh_nightly_schedule", job=job, cron_schedule=NIGHTLY_CRON, execution_timezone="UTC")],
        resources={"dbt": DbtCliResource(project_dir=str(REPO_ROOT), profiles_dir=str(REPO_ROOT), dbt_executable=str(Path(sys.executable).with_name("dbt")))},
    )
