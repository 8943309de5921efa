"""Spark: the raw loader for the profile's `spark` target (method session, or thrift on a cluster).

Each raw file is parsed as on DuckDB (raw.py) and written as a Parquet folder under
<KPI_SPARK_DIR>/raw/<system>/<table>/ (text columns, rejected lines in <table>__rejects/), which
the run-operation register_raw_tables declares as the table <schema>_raw_<system>.<table>
(USING parquet, an external table: dropping it leaves the files). Parquet, not Delta: Spark
reads it without extra jars, and the raw layer is rewritten whole by every load anyway.
"""
from __future__ import annotations

import json
import os
import shutil
from datetime import date
from pathlib import Path

from kpiwh import warehouse
from kpiwh.config import REPO_ROOT, Paths
from kpiwh.engines import raw
from kpiwh.exit_codes import FAILED, KpiwhError

# The column of the table that stands for an empty file (Spark has no tables without columns).
EMPTY_FILE_MARKER = "_kpiwh_empty_file"


def spark_dir() -> Path:
    """The profile's KPI_SPARK_DIR (tables, metastore and raw Parquet), relative to the project."""
    return (REPO_ROOT / os.environ.get("KPI_SPARK_DIR", "warehouse/spark")).resolve()


def target_schema() -> str:
    return os.environ.get("KPI_SPARK_SCHEMA", "kpi")


def load(paths: Paths, as_of: date | None, systems: tuple[str, ...]) -> dict[str, int]:
    """Write every raw file of `systems` as Parquet and register it as its source table."""
    loaded: dict[str, int] = {}
    tables = []
    for table in raw.tables_of(systems):
        folder = spark_dir() / "raw" / table.system / table.name
        for stale in (folder, folder.with_name(table.name + "__rejects")):
            shutil.rmtree(stale, ignore_errors=True)
        with raw.parsed(table, paths.raw_dir) as (file, con):
            entry = {"schema": raw.schema_for(target_schema(), table.system), "name": table.name, "status": file.status,
                     "location": str(folder), "rejects": None}
            if file.status == "ok":
                folder.mkdir(parents=True)
                con.execute(f"copy raw_rows to '{folder / 'rows.parquet'}' (format parquet)")
                if raw.count(con, "raw_rejects"):
                    rejects = folder.with_name(table.name + "__rejects")
                    rejects.mkdir()
                    con.execute(f"copy raw_rejects to '{rejects / 'rows.parquet'}' (format parquet)")
                    entry["rejects"] = str(rejects)
                loaded[f"{table.system}.{table.name}"] = raw.count(con, "raw_rows")
            tables.append(entry)
    args = ["run-operation", "register_raw_tables", "--args", json.dumps({"tables": tables, "empty_marker": EMPTY_FILE_MARKER})]
    if warehouse.run_dbt(args, paths, as_of, {"KPI_TARGET": "spark"}) != 0:
        raise KpiwhError("registering the raw tables in Spark failed (dbt run-operation register_raw_tables)", FAILED)
    return loaded
