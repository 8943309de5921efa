"""Running dbt against the repo's project and publishing the result for readers.

BI tools and the dashboard read a published copy of the warehouse, never the file dbt writes:
DuckDB lets only one process hold a file read-write and a reader blocks the writer, so a
dashboard left open must never break the nightly build. Publishing is an atomic file replace.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

from kpiwh import systems
from kpiwh.config import REPO_ROOT, Paths, external_dir_env


def dbt_env(paths: Paths, as_of: date | None) -> dict[str, str]:
    """The environment dbt reads (see profiles.yml and the sources), from our paths."""
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(REPO_ROOT))
    env["KPI_RAW_DIR"] = str(paths.raw_dir)
    env["KPI_DUCKDB_PATH"] = str(paths.duckdb_path)
    env.update(external_dir_env())
    if as_of is not None:
        env["KPI_AS_OF"] = as_of.isoformat()
    return env


def run_dbt(args: list[str], paths: Paths, as_of: date | None, extra_env: dict[str, str] | None = None) -> int:
    """Run one dbt command in the project directory on the systems present; returns dbt's exit code."""
    paths.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    selection = systems.select_from_env(paths.raw_dir)
    for message in selection.skipped:
        print(message, file=sys.stderr)
    dbt = Path(sys.executable).with_name("dbt")
    env = {**dbt_env(paths, as_of), **(extra_env or {})}
    return subprocess.run([str(dbt), *selection.dbt_args(args)], cwd=REPO_ROOT, env=env).returncode


def publish(paths: Paths) -> Path:
    """Copy the working warehouse next to the published one, then swap it in atomically."""
    paths.published_path.parent.mkdir(parents=True, exist_ok=True)
    staging_copy = paths.published_path.with_suffix(".publishing")
    shutil.copyfile(paths.duckdb_path, staging_copy)
    os.replace(staging_copy, paths.published_path)
    return paths.published_path
