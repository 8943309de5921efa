"""Great Expectations checkpoint over a built warehouse: the KPI contract and the clean staging tables.

GX 1.x's SQL datasource returns empty results on DuckDB (it closes the connection before
fetching), so tables are read with DuckDB into pandas and validated through GX's pandas
datasource. The staging suites are derived from the var dq_raw_tables of dbt_project.yml (keys,
required columns, lower bounds), the single declaration dbt's data-quality layer also reads.
Data Docs are built under warehouse/gx/uncommitted/data_docs (git-ignored).
"""
from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pandas as pd
import yaml

from kpiwh.config import REPO_ROOT

STATUSES = ["GREEN", "YELLOW", "RED", "INFO", "NO_DATA"]
NON_NEGATIVE_UNITS = ("count", "hours", "minutes", "days")
# Required columns may have a few gaps in raw data; the clean tables should be nearly complete.
COMPLETENESS_MOSTLY = 0.95


@dataclass(frozen=True)
class TableCheck:
    name: str
    frame: pd.DataFrame
    expectations: list


def _raw_table_specs() -> dict:
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    return project["vars"]["dq_raw_tables"]


def kpi_values_expectations(gx, known_kpi_ids: list[str]) -> list:
    e = gx.expectations
    return [
        e.ExpectColumnValuesToBeInSet(column="kpi_id", value_set=known_kpi_ids),
        e.ExpectColumnValuesToBeInSet(column="status", value_set=STATUSES),
        e.ExpectCompoundColumnsToBeUnique(column_list=["kpi_id", "entity_type", "entity_id", "grain", "period_start"]),
        *[e.ExpectColumnValuesToNotBeNull(column=c) for c in ("kpi_id", "entity_type", "entity_id", "grain", "period_start", "status")],
        e.ExpectColumnValuesToBeBetween(column="value", min_value=0, max_value=100, row_condition='unit=="pct"', condition_parser="pandas"),
        *[
            e.ExpectColumnValuesToBeBetween(column="value", min_value=0, row_condition=f'unit=="{unit}"', condition_parser="pandas")
            for unit in NON_NEGATIVE_UNITS
        ],
        # A NULL value must read NO_DATA, never a colour.
        e.ExpectColumnValuesToBeInSet(column="status", value_set=["NO_DATA"], row_condition="value.isnull()", condition_parser="pandas"),
    ]


def staging_expectations(gx, spec: dict) -> list:
    e = gx.expectations
    checks = [e.ExpectCompoundColumnsToBeUnique(column_list=spec["key"])] if len(spec["key"]) > 1 else [e.ExpectColumnValuesToBeUnique(column=spec["key"][0])]
    checks += [e.ExpectColumnValuesToNotBeNull(column=c, mostly=COMPLETENESS_MOSTLY) for c in spec["required"] if c not in spec["key"]]
    checks += [e.ExpectColumnValuesToNotBeNull(column=c) for c in spec["key"]]
    checks += [e.ExpectColumnValuesToBeBetween(column=c, min_value=low) for c, low in spec.get("min", {}).items()]
    return checks


def collect(db_path: Path, gx) -> list[TableCheck]:
    """Read every table to validate from the warehouse (those present: absent systems are skipped)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        present = {name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()}
        known = [k for (k,) in con.execute("select kpi_id from kpi_catalog").fetchall()]
        checks = [TableCheck("kpi_values", con.execute("select * from kpi_values").df(), kpi_values_expectations(gx, known))]
        for system, tables in _raw_table_specs().items():
            for table, spec in tables.items():
                model = f"stg_{system}__{table}"
                if model in present:
                    checks.append(TableCheck(model, con.execute(f"select * from {model}").df(), staging_expectations(gx, spec)))
    return checks


def run(db_path: Path, gx_root: Path | None = None) -> bool:
    """Validate the warehouse at db_path; print a summary, build Data Docs, return success."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    os.environ.setdefault("TQDM_DISABLE", "1")  # GX's per-expectation progress bars drown the summary
    import great_expectations as gx  # imported here: it takes seconds, and only this command needs it

    context = gx.get_context(mode="file", project_root_dir=str(gx_root or REPO_ROOT / "warehouse"))
    source = context.data_sources.add_or_update_pandas("warehouse")
    success = True
    for check in collect(db_path, gx):
        asset = source.get_asset(check.name) if check.name in source.get_asset_names() else source.add_dataframe_asset(check.name)
        batch = asset.get_batch_definition("whole") if asset.batch_definitions else asset.add_batch_definition_whole_dataframe("whole")
        suite = context.suites.add_or_update(gx.ExpectationSuite(name=check.name, expectations=check.expectations))
        definition = context.validation_definitions.add_or_update(gx.ValidationDefinition(name=check.name, data=batch, suite=suite))
        checkpoint = context.checkpoints.add_or_update(
            gx.Checkpoint(name=check.name, validation_definitions=[definition], actions=[gx.checkpoint.UpdateDataDocsAction(name="data_docs")])
        )
        result = checkpoint.run(batch_parameters={"dataframe": check.frame})
        failed = [
            f"{r.expectation_config.type}({r.expectation_config.kwargs.get('column') or r.expectation_config.kwargs.get('column_list')})"
            for run_result in result.run_results.values()
            for r in run_result.results
            if not r.success
        ]
        print(f"{'PASS' if result.success else 'FAIL'} {check.name}: {len(check.expectations)} expectations, {len(check.frame):,} rows"
              + (f"; failed: {', '.join(failed)}" if failed else ""))
        success = success and result.success
    docs = Path(context.root_directory) / "uncommitted" / "data_docs" / "local_site" / "index.html"
    print(f"Great Expectations Data Docs: {docs}")
    return success
