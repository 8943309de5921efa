"""The same project on PostgreSQL and Spark (docs/engines.md): kpi_values equal to DuckDB's, row for row.

One small data set (the storefront_ops, retail and hotel fixtures side by side, plus the Classic
Models defects fixture) is built once per engine: on DuckDB as every other test builds, on the
others with `kpiwh build --target <engine>` (raw load, then dbt build). An engine's tests skip
only when its package or server is absent here; CI installs and starts both (.ci/run).
"""
from __future__ import annotations

import importlib.util
import math
import os
import shutil
import socket
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from conftest import FIXTURES, dbt, query
from kpiwh.config import REPO_ROOT

AS_OF = date(2026, 3, 15)
SYSTEMS = "storefront,inventory,fulfillment,helpdesk,ops,retail,hotel,classicmodels"
KEY = ("kpi_id", "entity_type", "entity_id", "grain", "period_start")
KPI_SQL = f"select {', '.join(KEY)}, value, status from {{schema}}kpi_values"
BUILD_SECONDS: dict[str, float] = {}


def _postgres_missing() -> str | None:
    if importlib.util.find_spec("psycopg2") is None or importlib.util.find_spec("dbt.adapters.postgres") is None:
        return "dbt-postgres is not installed (make install-engines)"
    host, port = os.environ.get("KPI_PG_HOST", "localhost"), int(os.environ.get("KPI_PG_PORT", "5432"))
    try:
        socket.create_connection((host, port), timeout=2).close()
    except OSError:
        return f"no PostgreSQL server at {host}:{port} (set KPI_PG_HOST/KPI_PG_PORT; .ci/run starts one)"
    return None


def _spark_missing() -> str | None:
    if importlib.util.find_spec("pyspark") is None or importlib.util.find_spec("dbt.adapters.spark") is None:
        return "dbt-spark / pyspark is not installed (make install-engines)"
    if shutil.which("java") is None:
        return "no Java runtime for Spark"
    return None


@pytest.fixture(scope="session")
def raw_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("engines_raw")
    for fixture in ("storefront_ops", "retail_basic", "hotel_basic"):
        shutil.copytree(FIXTURES / fixture, raw, dirs_exist_ok=True)
    return raw


ENV = {"KPI_SOURCE_SYSTEMS": SYSTEMS, "KPI_CLASSICMODELS_DIR": str(FIXTURES / "classicmodels_defects")}


@pytest.fixture(scope="session")
def duckdb_rows(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, tuple]:
    db_path = tmp_path_factory.mktemp("engines_duckdb") / "warehouse.duckdb"
    started = time.monotonic()
    result = dbt(["build"], raw_dir, db_path, AS_OF, ENV)
    BUILD_SECONDS["duckdb"] = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-6000:]
    return _keyed(query(db_path, KPI_SQL.format(schema="")))


def _keyed(rows: list[tuple]) -> dict[tuple, tuple]:
    return {tuple(str(part) for part in row[: len(KEY)]): (row[len(KEY)], row[len(KEY) + 1]) for row in rows}


def _kpiwh_build(target: str, raw_dir: Path, work: Path, extra_env: dict[str, str]) -> None:
    """`kpiwh build --target <target>` on the data set, as a user runs it; its time goes to BUILD_SECONDS."""
    env = {
        **os.environ, **ENV, **extra_env,
        "KPI_RAW_DIR": str(raw_dir),
        "KPI_DUCKDB_PATH": str(work / "warehouse.duckdb"),
        "KPI_APPLY_MIN_SAMPLES": "false",
        "DBT_TARGET_PATH": str(work / "target"),
        "DBT_LOG_PATH": str(work / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    started = time.monotonic()
    result = subprocess.run([str(Path(sys.executable).with_name("kpiwh")), "build", "--target", target, "--as-of", AS_OF.isoformat()],
                            cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    BUILD_SECONDS[target] = time.monotonic() - started
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-3000:]


@pytest.fixture(scope="session")
def postgres_db(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., Any]]:
    """A fresh database with the data set built in it; returns a connect(**settings) function."""
    missing = _postgres_missing()
    if missing:
        pytest.skip(missing)
    from kpiwh.engines import postgres

    database = f"kpi_test_{uuid.uuid4().hex[:8]}"
    _kpiwh_build("postgres", raw_dir, tmp_path_factory.mktemp("engines_postgres"), {"KPI_PG_DATABASE": database})
    yield lambda **settings: postgres.connect(dbname=database, **settings)
    admin = postgres.connect(dbname="postgres")
    admin.autocommit = True
    admin.cursor().execute(f"drop database {database} with (force)")
    admin.close()


@pytest.fixture(scope="session")
def spark_rows(raw_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[tuple, tuple]:
    missing = _spark_missing()
    if missing:
        pytest.skip(missing)
    work = tmp_path_factory.mktemp("engines_spark")
    _kpiwh_build("spark", raw_dir, work, {"KPI_SPARK_DIR": str(work / "spark")})
    from pyspark.sql import SparkSession

    # The build's own metastore, read back in this process once dbt's session has ended.
    spark = (SparkSession.builder.enableHiveSupport()
             .config("spark.sql.warehouse.dir", str(work / "spark" / "tables"))
             .config("spark.hadoop.javax.jdo.option.ConnectionURL", f"jdbc:derby:;databaseName={work / 'spark' / 'metastore_db'}")
             .config("spark.sql.session.timeZone", "UTC").getOrCreate())
    try:
        return _keyed([tuple(row) for row in spark.sql(KPI_SQL.format(schema="kpi.")).collect()])
    finally:
        spark.stop()


def _assert_equal(engine: str, rows: dict[tuple, tuple], expected: dict[tuple, tuple], capsys: pytest.CaptureFixture) -> None:
    assert set(rows) == set(expected), f"{engine}: rows only on {engine} {sorted(set(rows) - set(expected))[:5]}, only on DuckDB {sorted(set(expected) - set(rows))[:5]}"
    different = [
        (key, rows[key], expected[key]) for key in expected
        if rows[key][1] != expected[key][1]
        or (rows[key][0] is None) != (expected[key][0] is None)
        or (expected[key][0] is not None and not math.isclose(float(rows[key][0]), float(expected[key][0]), rel_tol=1e-9, abs_tol=1e-12))
    ]
    assert not different, f"{engine}: {len(different)} of {len(expected)} kpi_values differ from DuckDB, e.g. {different[:5]}"
    with capsys.disabled():
        print(f"\n{engine}: {len(rows)} kpi_values rows equal to DuckDB's; build {BUILD_SECONDS[engine]:.1f} s (DuckDB {BUILD_SECONDS['duckdb']:.1f} s)")


def test_postgres_kpi_values_equal_duckdb(postgres_db: Callable[..., Any], duckdb_rows: dict[tuple, tuple], capsys: pytest.CaptureFixture) -> None:
    with postgres_db() as pg, pg.cursor() as cursor:
        cursor.execute(KPI_SQL.format(schema="kpi."))
        rows = _keyed(cursor.fetchall())
    pg.close()
    assert len(duckdb_rows) > 1000 and {status for _, status in duckdb_rows.values()} >= {"GREEN", "YELLOW", "RED", "NO_DATA"}
    _assert_equal("postgres", rows, duckdb_rows, capsys)


def test_bi_reader_reads_marts_and_kpis_only(postgres_db: Callable[..., Any]) -> None:
    import psycopg2

    with postgres_db() as pg, pg.cursor() as cursor:
        cursor.execute("select table_schema, table_name from information_schema.tables where table_schema like 'kpi%'")
        tables = cursor.fetchall()
        cursor.execute("select distinct table_schema, table_name from information_schema.columns"
                       " where table_schema like 'kpi%' and (column_name like '%customer_name%' or column_name like '%email%')")
        personal = cursor.fetchall()
    pg.close()
    closed = [t for t in tables if t[0].startswith(("kpi_raw_", "kpi_staging", "kpi_intermediate"))]
    assert {"kpi_staging", "kpi_raw_storefront"} <= {schema for schema, _ in closed}
    assert ("kpi_marts", "dim_classicmodels_customers") in personal and ("kpi_staging", "stg_classicmodels__customers") in personal

    reader = postgres_db(user="bi_reader", password="")
    reader.autocommit = True
    with reader.cursor() as cursor:
        for schema, table in (("kpi", "kpi_values"), ("kpi", "kpi_dashboard"), ("kpi_marts", "fct_sales_daily")):
            cursor.execute(f"select count(*) from {schema}.{table}")
            assert cursor.fetchone()[0] > 0, f"{schema}.{table}"
        for schema, table in sorted(set(closed) | set(personal)):
            with pytest.raises(psycopg2.errors.InsufficientPrivilege):
                cursor.execute(f'select 1 from "{schema}"."{table}" limit 1')
    reader.close()


def test_spark_kpi_values_equal_duckdb(spark_rows: dict[tuple, tuple], duckdb_rows: dict[tuple, tuple], capsys: pytest.CaptureFixture) -> None:
    _assert_equal("spark", spark_rows, duckdb_rows, capsys)
