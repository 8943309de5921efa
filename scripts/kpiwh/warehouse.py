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

from kpiwh.config import EXTERNAL_SYSTEM_DIRS, REPO_ROOT, SOURCE_SYSTEMS, Paths, external_dir_env, system_dir


def present_systems(raw_dir: Path, include_external: bool = True) -> list[str]:
    """The source systems whose folder (under `raw_dir`, or their own: config.system_dir) has files.

    Without `include_external`, only the folders under `raw_dir` count (hermetic test fixtures).
    """
    systems = [s for s in SOURCE_SYSTEMS if include_external or s not in EXTERNAL_SYSTEM_DIRS]
    dirs = {s: system_dir(s, raw_dir) for s in systems}
    return [s for s, d in dirs.items() if d.is_dir() and any(d.iterdir())]


def dbt_env(paths: Paths, as_of: date | None) -> dict[str, str]:
    """The environment dbt reads (see profiles.yml and dbt_project.yml), from our paths."""
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(REPO_ROOT))
    env["KPI_RAW_DIR"] = str(paths.raw_dir)
    env["KPI_DUCKDB_PATH"] = str(paths.duckdb_path)
    env.update(external_dir_env())
    env.setdefault("KPI_SOURCE_SYSTEMS", ",".join(present_systems(paths.raw_dir)) or "none")
    if as_of is not None:
        env["KPI_AS_OF"] = as_of.isoformat()
    return env


def report_skipped(paths: Paths) -> None:
    for system in sorted(set(SOURCE_SYSTEMS) - set(present_systems(paths.raw_dir))):
        hint = f" (set {EXTERNAL_SYSTEM_DIRS[system][0]})" if system in EXTERNAL_SYSTEM_DIRS else ""
        print(f"{system}: no files under {system_dir(system, paths.raw_dir)}{hint}; its models are skipped.", file=sys.stderr)


def run_dbt(args: list[str], paths: Paths, as_of: date | None, extra_env: dict[str, str] | None = None) -> int:
    """Run one dbt command in the project directory; returns dbt's exit code."""
    paths.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    report_skipped(paths)
    dbt = Path(sys.executable).with_name("dbt")
    env = {**dbt_env(paths, as_of), **(extra_env or {})}
    return subprocess.run([str(dbt), *args], cwd=REPO_ROOT, env=env).returncode


def publish(paths: Paths) -> Path:
    """Copy the working warehouse next to the published one, then swap it in atomically."""
    paths.published_path.parent.mkdir(parents=True, exist_ok=True)
    staging_copy = paths.published_path.with_suffix(".publishing")
    shutil.copyfile(paths.duckdb_path, staging_copy)
    os.replace(staging_copy, paths.published_path)
    return paths.published_path
