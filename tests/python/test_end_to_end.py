"""The generated default data, defects included, builds in both file formats to identical KPIs.

Storefront only: every other system has its own test on generated data, and building them all
twice here would double the suite's time for no new check.
"""
from __future__ import annotations

from datetime import date

from conftest import query
from kpiwh.generate import generate

END = date(2026, 11, 20)


def test_generated_csv_and_parquet_build_to_identical_kpis(tmp_path, build_warehouse):
    generate(tmp_path / "csv", END, 0.15, seed=3, fmt="csv", systems=["storefront"])
    generate(tmp_path / "parquet", END, 0.15, seed=3, fmt="parquet", systems=["storefront"])
    from_csv = build_warehouse(tmp_path / "csv", END, "e2e_csv")
    from_parquet = build_warehouse(tmp_path / "parquet", END, "e2e_parquet", {"KPI_RAW_FORMAT": "parquet"})
    sql = "select kpi_id, entity_type, entity_id, grain, period_start, value, status from kpi_values order by all"
    csv_rows = query(from_csv, sql)
    assert csv_rows == query(from_parquet, sql)
    # The defects are visible, not fatal: every storefront defect kind is quarantined.
    reasons = {r for (r,) in query(from_csv, "select distinct quarantine_reason from fct_dq_quarantined_records where source_system = 'storefront'")}
    assert {"duplicate_key", "null_key", "invalid_timestamp", "invalid_enum", "invalid_number", "orphan_key"} <= reasons
    assert len({row[0] for row in csv_rows}) >= 8
