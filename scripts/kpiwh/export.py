"""`kpiwh export`: KPI history (values and statuses) for an entity set and date range, as CSV or Parquet.

It reads kpi_values of the published warehouse: each period's value and status as of the last
build. The nightly history (statuses as known each day) does not exist yet; see docs/api.md.
This is an operator's extract, so no access tier applies.
"""
from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow.csv
import pyarrow.parquet

from kpiwh.api import history_query
from kpiwh.exit_codes import BAD_ENVIRONMENT, KpiwhError

FORMATS = ("csv", "parquet")


def export(db_path: Path, out: Path, file_format: str, kpi_id: str | None, entity_ids: list[str] | None, start: str | None, end: str | None,
           grain: str | None) -> int:
    """Write the rows of the filters to `out`; returns the number of rows written."""
    if not db_path.exists():
        raise KpiwhError(f"no published warehouse at {db_path}: run `kpiwh build`", BAD_ENVIRONMENT)
    with duckdb.connect(str(db_path), read_only=True) as con:
        entities = None
        if entity_ids:
            entities = con.execute("select distinct entity_type, entity_id from kpi_values where list_contains(?::varchar[], entity_id) order by 1, 2",
                                   [entity_ids]).fetchall()
            missing = sorted(set(entity_ids) - {i for _, i in entities})
            if missing:
                raise KpiwhError(f"no KPI values for entity {', '.join(missing)}", BAD_ENVIRONMENT)
        sql, params = history_query(kpi_id, entities, start, end, grain)
        table: pyarrow.Table = con.sql(sql, params=params).to_arrow_table()
    out.parent.mkdir(parents=True, exist_ok=True)
    if file_format == "parquet":
        pyarrow.parquet.write_table(table, out)
    else:
        pyarrow.csv.write_csv(table, out)
    return table.num_rows
