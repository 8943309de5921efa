"""Parsing one contracted raw file as the DuckDB build does, for the loaders of other engines.

The parse is DuckDB's, with the dialect of macros/staging/duckdb__raw_file_rows.sql: every
value as text, malformed lines kept apart with DuckDB's error. The engines then type and check
the text with the same base_model SQL, so a defective file is quarantined identically on every
engine (a typed load would fail the whole file on its first bad value, or silently null it).
"""
from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import duckdb

from kpiwh import contracts
from kpiwh.config import system_dir

# The header split of macros/staging/duckdb__raw_file_header.sql: quoted names may hold commas.
_HEADER_FIELD = re.compile(r'\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)')


@dataclass(frozen=True)
class RawFile:
    """One raw file: 'ok', 'missing_file' or 'empty_file', and its columns in file order.

    When ok, the DuckDB connection it was parsed in holds the views raw_rows (the file's
    columns, text) and raw_rejects (the lines the reader rejected; empty for Parquet).
    """

    table: contracts.Table
    path: Path
    status: str
    columns: tuple[str, ...]


def file_format(table: contracts.Table) -> str:
    return table.file_format or os.environ.get("KPI_RAW_FORMAT", "csv")


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _csv_header(path: Path) -> tuple[str, ...]:
    with path.open(encoding="utf-8", errors="replace", newline="") as handle:
        line = handle.readline().rstrip("\r\n")
    names = [quoted.replace('""', '"') if quoted else bare.strip() for quoted, bare in _HEADER_FIELD.findall(line)]
    return tuple(names[:-1] if names and names[-1] == "" else names)


@contextmanager
def parsed(table: contracts.Table, raw_dir: Path) -> Iterator[tuple[RawFile, duckdb.DuckDBPyConnection]]:
    """The raw file of `table` under `raw_dir`, parsed into an in-memory DuckDB connection."""
    fmt = file_format(table)
    path = system_dir(table.system, raw_dir) / f"{table.name}.{fmt}"
    with duckdb.connect() as con:
        if not path.exists():
            yield RawFile(table, path, "missing_file", ()), con
            return
        if fmt == "parquet":
            columns = tuple(row[0] for row in con.execute(f"describe select * from read_parquet({_literal(str(path))})").fetchall())
            casts = ", ".join(f'cast("{c}" as varchar) as "{c}"' for c in (name.replace('"', '""') for name in columns))
            con.execute(f"create view raw_rows as select {casts} from read_parquet({_literal(str(path))})")
            con.execute("create view raw_rejects as select null::bigint as line, null::bigint as column_idx, null::varchar as error_type,"
                        " null::varchar as column_name, null::varchar as error_message, null::varchar as csv_line where false")
        elif path.stat().st_size == 0:
            yield RawFile(table, path, "empty_file", ()), con
            return
        else:
            columns = _csv_header(path)
            types = ", ".join(f"{_literal(c)}: 'VARCHAR'" for c in columns)
            con.execute(
                f"create table raw_rows as select * from read_csv({_literal(str(path))}, header = true, auto_detect = false,"
                f" delim = ',', quote = '\"', escape = '\"', columns = {{{types}}}, store_rejects = true,"
                " rejects_table = 'rejects_errors', rejects_scan = 'rejects_scans')"
            )
            con.execute("create view raw_rejects as select line, column_idx, cast(error_type as varchar) as error_type, column_name,"
                        " error_message, csv_line from rejects_errors")
        yield RawFile(table, path, "ok", columns), con


def tables_of(systems: tuple[str, ...]) -> list[contracts.Table]:
    """The contracted raw tables of the systems built, in source_catalog order."""
    return [table for table in contracts.tables() if table.system in systems]


def schema_for(target_schema: str, system: str) -> str:
    """The raw schema of a system: the sources' `schema: <target schema>_raw_<system>`."""
    return f"{target_schema}_raw_{system}"


def count(con: duckdb.DuckDBPyConnection, view: str) -> int:
    """Rows of raw_rows or raw_rejects."""
    row = con.execute(f"select count(*) from {view}").fetchone()
    return int(row[0]) if row else 0
