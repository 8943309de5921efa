"""Running the project on engines other than DuckDB (docs/engines.md).

DuckDB reads the raw files in place; PostgreSQL and Spark cannot, so a loader puts each
contracted raw file into the source's table first (`raw.py` parses, `postgres.py` and `spark.py`
land the rows), and the dispatched staging macros read those tables instead of the files.
"""
from __future__ import annotations

TARGETS = ("duckdb", "postgres", "spark")
