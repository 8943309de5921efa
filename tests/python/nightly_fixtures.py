"""Shared by the nightly and orchestration tests: the storefront fixture with extracts loaded an
hour ago, the environment a scheduler sets, kpiwh as a subprocess and the files a run leaves.

`dbt source freshness` measures against the real clock (unlike the marts, which use as_of), so
a successful nightly needs extracts that are fresh now.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from conftest import FIXTURES
from kpiwh.config import REPO_ROOT

AS_OF = "2026-11-20"
KPIWH = str(Path(sys.executable).with_name("kpiwh"))


def kpiwh(args: list[str], env: dict[str, str], timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run([KPIWH, *args], env={**os.environ, **env}, capture_output=True, text=True, timeout=timeout, cwd=REPO_ROOT)


def fresh_storefront(raw: Path) -> Path:
    shutil.copytree(FIXTURES / "storefront_basic", raw)
    loaded = (datetime.fromisoformat(AS_OF) + timedelta(hours=23)).strftime("%Y-%m-%d %H:%M:%S")
    for path in (raw / "storefront").glob("*.csv"):
        frame = pd.read_csv(path, dtype=str, keep_default_na=False)
        frame["_loaded_at"] = loaded
        frame.to_csv(path, index=False)
    return raw


def nightly_env(raw: Path, base: Path) -> dict[str, str]:
    """The variables a scheduler sets: each test's own warehouse, dbt target and log folders; the storefront only."""
    return {
        "KPI_RAW_DIR": str(raw),
        "KPI_DUCKDB_PATH": str(base / "warehouse" / "kpi.duckdb"),
        "KPI_AS_OF": AS_OF,
        "KPI_SOURCE_SYSTEMS": "storefront",
        "DBT_TARGET_PATH": str(base / "target"),
        "DBT_LOG_PATH": str(base / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }


def warehouse_dir(env: dict[str, str]) -> Path:
    return Path(env["KPI_DUCKDB_PATH"]).parent


def published(env: dict[str, str]) -> Path:
    return warehouse_dir(env) / "published" / "kpi.duckdb"


def runs(env: dict[str, str]) -> list[dict]:
    with duckdb.connect(str(warehouse_dir(env) / "nightly_runs.duckdb"), read_only=True) as con:
        cursor = con.execute("select * from nightly_runs order by started_at")
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]
