"""Shared by the nightly and orchestration tests: the storefront fixture with extracts loaded an hour ago.

`dbt source freshness` measures against the real clock (unlike the marts, which use as_of), so
a successful nightly needs extracts that are fresh now.
"""
from __future__ import annotations

import shutil
from datetime import datetime, timedelta
from pathlib import Path

import pandas as pd

from conftest import FIXTURES

AS_OF = "2026-11-20"


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
