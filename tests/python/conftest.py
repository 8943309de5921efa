"""Shared pytest fixtures: build the warehouse on a fixture data set once per session.

Every build gets its own DuckDB file and dbt target directory, so tests never touch the
developer's warehouse and never fight over a DuckDB lock.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path

import duckdb
import pytest
from filelock import FileLock

from kpiwh import systems
from kpiwh.config import REPO_ROOT, Paths
from kpiwh.warehouse import dbt_env

FIXTURES = REPO_ROOT / "tests" / "fixtures"

# A pytest-xdist worker runs under execnet, whose __main__ has neither __spec__ nor __file__.
# pyspark's Connect module (which Great Expectations imports when pyspark is installed, as the
# engines extra does) takes such a process for a doctest run and exits it: give __main__ a file.
_main = sys.modules["__main__"]
if getattr(_main, "__spec__", None) is None and not hasattr(_main, "__file__"):
    _main.__file__ = __file__
# What dbt reads of the project (project_with_seed).
PROJECT_ENTRIES = {"dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses"}


def dbt(
    args: list[str], raw_dir: Path, db_path: Path, as_of: date, extra_env: dict[str, str] | None = None, project_dir: Path = REPO_ROOT
) -> subprocess.CompletedProcess:
    """Run one dbt command on `raw_dir` into `db_path`; output is captured for assertions.

    Builds default to KPI_APPLY_MIN_SAMPLES=false: the hand-made fixtures (and the copies tests
    make of them) have three-order days that test arithmetic and bands. The minimum-sample rule
    has tests of its own, and builds of generated data pass KPI_APPLY_MIN_SAMPLES=true to be
    judged as the product judges them.
    `project_dir`: a copy of the project (project_with_seed) where a test changes a seed.
    The systems built are those the fixture has files for, chosen as `kpiwh` chooses them. Systems
    read from their own directory (classicmodels) join only when a test names them in
    extra_env KPI_SOURCE_SYSTEMS, so a fixture build never depends on ../shared being there.
    """
    env = {
        **dbt_env(Paths(raw_dir, db_path, db_path), as_of),
        "DBT_TARGET_PATH": str(db_path.parent / "target"),
        "DBT_LOG_PATH": str(db_path.parent / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        "KPI_APPLY_MIN_SAMPLES": "false",
        **(extra_env or {}),
    }
    env.pop("KPI_SOURCE_SYSTEMS", None)
    selection = systems.select(raw_dir, systems.requested_systems((extra_env or {}).get("KPI_SOURCE_SYSTEMS")), external=False)
    return subprocess.run(
        [str(Path(sys.executable).with_name("dbt")), *selection.dbt_args(args)], cwd=project_dir, env=env, capture_output=True, text=True
    )


def project_with_seed(base: Path, seed: str, content: str) -> Path:
    """The project as symlinks under `base`, with seeds/<seed> replaced by `content`: a team's
    own copy of a seed (acknowledgements, overrides) without touching the repository's."""
    project = base / "project"
    project.mkdir(parents=True)
    for entry in REPO_ROOT.iterdir():
        if entry.name in PROJECT_ENTRIES:
            if entry.name == "seeds":
                shutil.copytree(entry, project / "seeds")
            else:
                (project / entry.name).symlink_to(entry)
    (project / "seeds" / seed).write_text(content)
    return project


@pytest.fixture(scope="session")
def build_warehouse(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Callable[..., Path]:
    """Return a function that runs `dbt build` on a raw directory and gives the DuckDB path.

    One build per name and test run: test modules reading the same fixture share it. Under
    pytest-xdist every worker is a process of its own, so the builds live in the run's shared temp
    folder and a lock per name lets the first worker build while the others wait for its file.
    """
    root = tmp_path_factory.getbasetemp()
    shared = (root if worker_id == "master" else root.parent) / "builds"
    shared.mkdir(exist_ok=True)

    def _build(raw_dir: Path, as_of: date, name: str, extra_env: dict[str, str] | None = None) -> Path:
        folder = shared / name
        db_path = folder / "warehouse.duckdb"
        with FileLock(f"{folder}.lock"):
            if not (folder / "built").exists():
                shutil.rmtree(folder, ignore_errors=True)  # what a failed attempt left
                folder.mkdir()
                result = dbt(["build"], raw_dir, db_path, as_of, extra_env)
                assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]
                (folder / "built").touch()
        return db_path

    return _build


def query(db_path: Path, sql: str, params: list | None = None) -> list[tuple]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        return con.execute(sql, params or []).fetchall()


def kpi(db_path: Path, kpi_id: str, entity_id: str, grain: str, period_start: str) -> tuple:
    """(value, status, is_target_met) of one kpi_values row; fails if the row is missing."""
    rows = query(
        db_path,
        "select value, status, is_target_met from kpi_values where kpi_id = ? and entity_id = ? and grain = ? and period_start = ?",
        [kpi_id, entity_id, grain, period_start],
    )
    assert len(rows) == 1, f"expected one kpi_values row for {kpi_id} {entity_id} {grain} {period_start}, got {rows}"
    return rows[0]
