"""Running the project on engines other than DuckDB (docs/engines.md).

DuckDB reads the raw files in place; PostgreSQL and Spark cannot, so a loader puts each
contracted raw file into the source's table first (`raw.py` parses, `postgres.py` and `spark.py`
land the rows), and the dispatched staging macros read those tables instead of the files.
"""
from __future__ import annotations

from datetime import date

from kpiwh import systems
from kpiwh.config import Paths

# The profiles.yml targets that are not a DuckDB file, each with its loader.
ENGINE_TARGETS = ("postgres", "spark")


def load(target: str, paths: Paths, as_of: date | None) -> dict[str, int]:
    """Load the raw files of the systems a build includes where `target` reads them; rows per table."""
    built = systems.select_from_env(paths.raw_dir).systems
    if target == "postgres":
        from kpiwh.engines import postgres

        return postgres.load(paths.raw_dir, built)
    from kpiwh.engines import spark

    return spark.load(paths, as_of, built)
