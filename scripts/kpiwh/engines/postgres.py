"""PostgreSQL: the raw loader, and the connection the profile's `postgres` target describes.

Each raw file becomes the table <schema>_raw_<system>.<table> (its columns as the file has them,
text: raw.py says why), its rejected lines <table>__rejects. A missing file leaves no table, an
empty one a table without columns, which is what default__raw_file_header reads back.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from kpiwh.engines import raw

# The role BI tools connect as; dbt grants it the marts and KPIs (dbt_project.yml grants).
BI_READER = "bi_reader"


def settings(**overrides: str) -> dict[str, Any]:
    """Connection settings from the environment, with the defaults of profiles.yml's postgres target."""
    found = {
        "host": os.environ.get("KPI_PG_HOST", "localhost"),
        "port": int(os.environ.get("KPI_PG_PORT", "5432")),
        "user": os.environ.get("KPI_PG_USER", "postgres"),
        "password": os.environ.get("KPI_PG_PASSWORD", ""),
        "dbname": os.environ.get("KPI_PG_DATABASE", "kpi"),
    }
    return {**found, **overrides}


def target_schema() -> str:
    return os.environ.get("KPI_PG_SCHEMA", "kpi")


def connect(**overrides: str) -> Any:
    import psycopg2  # optional extra (requirements-engines.txt)

    return psycopg2.connect(**settings(**overrides))


def _name(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


def _copy(cursor: Any, con: Any, query: str, table: str) -> None:
    # DuckDB writes CSV (an empty field for NULL, "" for an empty text), PostgreSQL's COPY reads it back the same.
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "rows.csv"
        con.execute(f"copy ({query}) to '{path}' (format csv, header false)")
        with path.open() as handle:
            cursor.copy_expert(f"copy {table} from stdin with (format csv)", handle)


def ensure_database() -> None:
    """Create the target database when the server lacks it (as CI's fresh server does)."""
    admin = connect(dbname="postgres")
    admin.autocommit = True  # CREATE DATABASE refuses to run in a transaction
    try:
        with admin.cursor() as cursor:
            cursor.execute("select 1 from pg_database where datname = %s", [settings()["dbname"]])
            if cursor.fetchone() is None:
                cursor.execute(f"create database {_name(settings()['dbname'])}")
    finally:
        admin.close()


def load(raw_dir: Path, systems: tuple[str, ...]) -> dict[str, int]:
    """Load every raw file of `systems` into its raw table; returns the rows loaded per table."""
    ensure_database()
    loaded: dict[str, int] = {}
    with connect() as pg, pg.cursor() as cursor:
        cursor.execute(f"select 1 from pg_roles where rolname = '{BI_READER}'")
        if cursor.fetchone() is None:
            # No password: a local server trusts it, elsewhere the DBA sets one (docs/engines.md).
            cursor.execute(f"create role {BI_READER} login")
        for system in systems:
            cursor.execute(f"create schema if not exists {_name(raw.schema_for(target_schema(), system))}")
        for table in raw.tables_of(systems):
            schema = _name(raw.schema_for(target_schema(), table.system))
            relation, rejects = f"{schema}.{_name(table.name)}", f"{schema}.{_name(table.name + '__rejects')}"
            cursor.execute(f"drop table if exists {relation}; drop table if exists {rejects}")
            with raw.parsed(table, raw_dir) as (file, con):
                if file.status == "missing_file":
                    continue
                cursor.execute(f"create table {relation} ({', '.join(f'{_name(c)} text' for c in file.columns)})")
                if file.status == "empty_file":
                    continue
                _copy(cursor, con, "select * from raw_rows", relation)
                if raw.count(con, "raw_rejects"):
                    cursor.execute(f"create table {rejects} (line bigint, column_idx bigint, error_type text, column_name text,"
                                   " error_message text, csv_line text)")
                    _copy(cursor, con, "select * from raw_rejects", rejects)
                loaded[f"{table.system}.{table.name}"] = raw.count(con, "raw_rows")
    pg.close()
    return loaded
