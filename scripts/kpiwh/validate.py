"""Great Expectations checkpoint over a built warehouse: the KPI contract and the clean staging tables.

The expectations run as SQL inside DuckDB (GX's SQL datasource over duckdb-engine), so nothing
is loaded into pandas. GX 1.x closes its connection before it fetches a metric's rows on any
dialect it does not know to keep one connection for, and returns empty results on DuckDB;
`_keep_duckdb_connection` adds DuckDB to that list (the documented shim). The staging suites
are derived from the raw tables' contracts (kpiwh.contracts: keys, required columns, bounds,
allowed values), the declaration dbt's base models are generated from. Data Docs are built
under warehouse/gx/uncommitted/data_docs (git-ignored).
"""
from __future__ import annotations

import atexit
import logging
import os
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb

from kpiwh import contracts
from kpiwh.config import REPO_ROOT

STATUSES = ["GREEN", "YELLOW", "RED", "INFO", "NO_DATA"]
NON_NEGATIVE_UNITS = ("count", "hours", "minutes", "days")
# Required columns may have a few gaps in raw data; the clean tables should be nearly complete.
COMPLETENESS_MOSTLY = 0.95


@dataclass(frozen=True)
class TableCheck:
    name: str
    expectations: list[Any]


class _DuckDBDialect(str):
    """The dialect name "duckdb" with the `.value` GX reads off its dialect enum members."""

    value = "duckdb"


def _keep_duckdb_connection() -> None:
    from great_expectations.execution_engine import sqlalchemy_execution_engine as engine

    if "duckdb" not in engine._PERSISTED_CONNECTION_DIALECTS:
        # The tuple is typed as GX's own dialects; DuckDB's name is the one element it lacks.
        engine._PERSISTED_CONNECTION_DIALECTS = (*engine._PERSISTED_CONNECTION_DIALECTS, _DuckDBDialect("duckdb"))  # type: ignore[assignment]


def _silence_teardown_reports() -> None:
    """GX's SQL datasource keeps DuckDB objects alive until interpreter teardown, where DuckDB's
    bindings print hundreds of lines of spurious leak reports to stderr: close stderr at exit."""

    def close_stderr() -> None:
        sys.stderr.flush()
        os.dup2(os.open(os.devnull, os.O_WRONLY), 2)

    atexit.register(close_stderr)


def _where(unit: str) -> str:
    return f'col("unit")=="{unit}"'


def kpi_values_expectations(gx: Any, known_kpi_ids: list[str]) -> list[Any]:
    e = gx.expectations
    parser = "great_expectations"
    return [
        e.ExpectColumnValuesToBeInSet(column="kpi_id", value_set=known_kpi_ids),
        e.ExpectColumnValuesToBeInSet(column="status", value_set=STATUSES),
        e.ExpectCompoundColumnsToBeUnique(column_list=["kpi_id", "entity_type", "entity_id", "grain", "period_start"]),
        *[e.ExpectColumnValuesToNotBeNull(column=c) for c in ("kpi_id", "entity_type", "entity_id", "grain", "period_start", "status")],
        e.ExpectColumnValuesToBeBetween(column="value", min_value=0, max_value=100, row_condition=_where("pct"), condition_parser=parser),
        *[
            e.ExpectColumnValuesToBeBetween(column="value", min_value=0, row_condition=_where(unit), condition_parser=parser)
            for unit in NON_NEGATIVE_UNITS
        ],
        # A NULL value must read NO_DATA, never a colour: every other status has a value.
        e.ExpectColumnValuesToNotBeNull(column="value", row_condition='col("status")!="NO_DATA"', condition_parser=parser),
    ]


def staging_expectations(gx: Any, table: contracts.Table) -> list[Any]:
    """What the contract promises of a clean stg_ table: its key, filled required columns, bounds, allowed values."""
    e = gx.expectations
    key = list(table.key)
    checks: list[Any] = [e.ExpectCompoundColumnsToBeUnique(column_list=key)] if len(key) > 1 else [e.ExpectColumnValuesToBeUnique(column=key[0])]
    checks += [e.ExpectColumnValuesToNotBeNull(column=c) for c in key]
    for column in table.columns:
        if column.name in key:
            continue
        if not column.nullable:
            checks.append(e.ExpectColumnValuesToNotBeNull(column=column.name))
        elif column.required:
            checks.append(e.ExpectColumnValuesToNotBeNull(column=column.name, mostly=COMPLETENESS_MOSTLY))
        low, high = column.rules.get("min"), column.rules.get("max")
        if low is not None or high is not None:
            checks.append(e.ExpectColumnValuesToBeBetween(column=column.name, min_value=low, max_value=high))
        if column.rules.get("allowed"):
            checks.append(e.ExpectColumnValuesToBeInSet(column=column.name, value_set=list(column.rules["allowed"])))
    return checks


def collect(db_path: Path, gx: Any) -> list[TableCheck]:
    """The tables to validate that the warehouse has (absent systems are skipped)."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        present = {name for (name,) in con.execute("select table_name from information_schema.tables").fetchall()}
        known = [k for (k,) in con.execute("select kpi_id from kpi_catalog").fetchall()]
    checks = [TableCheck("kpi_values", kpi_values_expectations(gx, known))]
    checks += [TableCheck(t.staged_model, staging_expectations(gx, t)) for t in contracts.tables() if t.staged_model in present]
    return checks


def _summary(check: TableCheck, suite_result: Any) -> str:
    """PASS/FAIL, the number of expectations and rows, and which expectations failed."""
    outcomes = suite_result.results
    failed = [
        f"{r.expectation_config.type}({r.expectation_config.kwargs.get('column') or r.expectation_config.kwargs.get('column_list')})"
        for r in outcomes
        if not r.success
    ]
    rows = next((r.result.get("element_count") for r in outcomes if r.result.get("element_count") is not None), None)
    return (f"{'PASS' if suite_result.success else 'FAIL'} {check.name}: {len(check.expectations)} expectations"
            + (f", {rows:,} rows" if rows is not None else "") + (f"; failed: {', '.join(failed)}" if failed else ""))


def run(db_path: Path, gx_root: Path | None = None) -> bool:
    """Validate the warehouse at db_path; print a summary, build Data Docs, return success."""
    logging.getLogger("great_expectations").setLevel(logging.ERROR)
    # Imported here: GX takes seconds to import, and only this command needs it.
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    _keep_duckdb_connection()
    _silence_teardown_reports()
    checks = collect(db_path, gx)
    context = gx.get_context(mode="file", project_root_dir=str(gx_root or REPO_ROOT / "warehouse"))
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    # The Data Docs show this run only (the test-result history is fct_dq_test_results).
    for stale in ("validations", "data_docs"):
        shutil.rmtree(Path(context.root_directory) / "uncommitted" / stale, ignore_errors=True)
    if "warehouse" in context.data_sources.all():
        # A datasource of another kind left by an earlier version cannot be updated in place.
        context.data_sources.delete("warehouse")
    # GX's stub omits kwargs, which the SQL datasource accepts (passed to SQLAlchemy's create_engine).
    source = context.data_sources.add_or_update_sql(  # type: ignore[call-arg]
        "warehouse",
        connection_string=f"duckdb:///{db_path.resolve()}",
        # Read-only, and within the build's memory cap (profiles.yml has the same default).
        kwargs={"connect_args": {"read_only": True, "config": {"memory_limit": os.environ.get("KPI_DUCKDB_MEMORY_LIMIT", "2GB")}}},
    )
    try:
        definitions = []
        for check in checks:
            asset = source.get_asset(check.name) if check.name in source.get_asset_names() else source.add_table_asset(check.name, table_name=check.name)
            batch = asset.get_batch_definition("whole") if asset.batch_definitions else asset.add_batch_definition_whole_table("whole")
            suite = context.suites.add_or_update(gx.ExpectationSuite(name=check.name, expectations=check.expectations))
            definitions.append(context.validation_definitions.add_or_update(gx.ValidationDefinition(name=check.name, data=batch, suite=suite)))
        # One checkpoint for every table, and Data Docs rendered once after it: GX's data-docs
        # action re-renders the whole site once per table, from every result ever stored.
        checkpoint = context.checkpoints.add_or_update(gx.Checkpoint(name="warehouse", validation_definitions=definitions))
        result = checkpoint.run()
        context.build_data_docs()
        by_suite = {suite_result.suite_name: suite_result for suite_result in result.run_results.values()}
        for check in checks:
            print(_summary(check, by_suite[check.name]))
        success = bool(result.success)
    finally:
        # Release the DuckDB file now: a later writer (the next build) must not find it held.
        execution_engine = source.get_execution_engine()
        execution_engine.close()
        execution_engine.engine.dispose()
        source.get_engine().dispose()
    docs = Path(context.root_directory) / "uncommitted" / "data_docs" / "local_site" / "index.html"
    print(f"Great Expectations Data Docs: {docs}")
    return success
