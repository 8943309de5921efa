"""The generated default data, defects included, builds in both file formats to identical KPIs.

Storefront only: every other system has its own test on generated data, and building them all
twice here would double the suite's time for no new check.
"""
from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from conftest import query
from kpiwh.generate import generate

END = date(2026, 11, 20)
JUDGED = {"KPI_APPLY_MIN_SAMPLES": "true"}  # generated data is judged as the product judges it


def test_generated_csv_and_parquet_build_to_identical_kpis(tmp_path, build_warehouse):
    generate(tmp_path / "csv", END, 0.15, seed=3, fmt="csv", systems=["storefront"])
    generate(tmp_path / "parquet", END, 0.15, seed=3, fmt="parquet", systems=["storefront"])
    from_csv = build_warehouse(tmp_path / "csv", END, "e2e_csv", JUDGED)
    from_parquet = build_warehouse(tmp_path / "parquet", END, "e2e_parquet", {**JUDGED, "KPI_RAW_FORMAT": "parquet"})
    sql = "select kpi_id, entity_type, entity_id, grain, period_start, value, status from kpi_values order by all"
    csv_rows = query(from_csv, sql)
    assert csv_rows == query(from_parquet, sql)
    # The defects are visible, not fatal: every storefront defect kind is quarantined.
    reasons = {r for (r,) in query(from_csv, "select distinct quarantine_reason from fct_dq_quarantined_records where source_system = 'storefront'")}
    assert {"duplicate_key", "null_key", "invalid_timestamp", "invalid_enum", "invalid_number", "orphan_key"} <= reasons
    assert len({row[0] for row in csv_rows}) >= 8


def test_daily_revenue_is_on_the_merchants_own_days(tmp_path, build_warehouse):
    """Issue 11: a Los Angeles merchant's evening orders are today's, not tomorrow's. The staged
    orders (UTC) are put on each merchant's calendar with pandas and summed independently."""
    raw = tmp_path / "csv"
    generate(raw, END, 0.15, seed=3, fmt="csv", systems=["storefront"])
    db = build_warehouse(raw, END, "e2e_csv", JUDGED)
    zones = pd.read_csv(raw / "storefront" / "merchants.csv", dtype=str).drop_duplicates("merchant_id").set_index("merchant_id")["timezone"]
    assert "America/Los_Angeles" in set(zones)
    orders = pd.DataFrame(
        query(db, "select merchant_id, created_at, total_price, financial_status, cancelled_at from stg_storefront__orders"),
        columns=["merchant_id", "created_at", "total_price", "financial_status", "cancelled_at"],
    )
    orders = orders[orders["cancelled_at"].isna() & ~orders["financial_status"].isin(["voided", "refunded"])]
    utc = pd.to_datetime(orders["created_at"]).dt.tz_localize("UTC")
    local_day = pd.Series(
        [t.tz_convert(zones.get(m) or "UTC").date() for t, m in zip(utc, orders["merchant_id"], strict=True)], index=orders.index
    )
    expected = orders.assign(day=local_day, revenue=orders["total_price"].astype(float)).groupby(["merchant_id", "day"])["revenue"].sum()
    got = dict(((m, d), v) for m, d, v in query(db, "select entity_id, period_start, value from kpi_values where kpi_id = 'sales.daily_revenue'"))
    for key, revenue in expected.items():
        if key[1] <= END:
            assert got[key] == pytest.approx(revenue, abs=1e-6), key
    # Days without a revenue order are 0, and the UTC-day sums would differ: the check has teeth.
    assert all(v == 0 for k, v in got.items() if k not in expected.index)
    by_utc_day = orders.assign(day=utc.dt.date, revenue=orders["total_price"].astype(float)).groupby(["merchant_id", "day"])["revenue"].sum()
    assert (by_utc_day.reindex(expected.index, fill_value=0) - expected).abs().max() > 1
