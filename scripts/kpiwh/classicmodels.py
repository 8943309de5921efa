"""Load a copy of the Classic Models database: export its SQLite file to the CSV layout dbt reads.

DuckDB here has no SQLite extension, so the tables are read with Python's sqlite3 and written
one CSV per table with the standard classicmodels table and column names (NULL = empty field).
"""
from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

TABLES = ("customers", "orders", "orderdetails", "products", "productlines", "employees", "offices", "payments")


def export_sqlite(sqlite_path: Path, out_dir: Path) -> dict[str, int]:
    """Write `<out_dir>/<table>.csv` for every classicmodels table; returns the row counts."""
    out_dir.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    with sqlite3.connect(f"file:{sqlite_path}?mode=ro", uri=True) as con:
        present = {name.lower(): name for (name,) in con.execute("select name from sqlite_master where type = 'table'")}
        missing = [t for t in TABLES if t not in present]
        if missing:
            raise SystemExit(f"{sqlite_path}: not a classicmodels database, missing tables {', '.join(missing)}")
        for table in TABLES:
            cursor = con.execute(f'select * from "{present[table]}"')
            with open(out_dir / f"{table}.csv", "w", newline="", encoding="utf-8") as f:
                writer = csv.writer(f)
                writer.writerow([d[0] for d in cursor.description])
                rows = cursor.fetchall()
                # Binary columns (productlines.image) are not used by any KPI: written empty.
                writer.writerows([["" if v is None or isinstance(v, bytes) else v for v in row] for row in rows])
            counts[table] = len(rows)
    return counts
