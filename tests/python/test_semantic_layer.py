"""The MetricFlow semantic layer (docs/semantic_layer.md): `mf query`, run as a BI user runs it
against a built warehouse opened read-only, answers what kpi_values says, on the hand-made
storefront, hotel and retail fixtures (whose kpi_values are checked by hand in their own tests).

MetricFlow computes each metric itself from the marts' rows (sums and ratios of sums), so
agreement with kpi_values, computed by the KPI models, is a check between two derivations.
"""
from __future__ import annotations

import math
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, query
from kpiwh.config import REPO_ROOT

PROJECT_FILES = ["dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests", "analyses"]


def mf_query(db: Path, tmp_path: Path, metrics: list[str], group_by: list[str]) -> pd.DataFrame:
    """Run `mf query` on the build `db` through the `published` profile target (read-only).

    mf reads the semantic manifest from <project>/target only, so the query runs in a copy of
    the project's layout (symlinks) whose target/ holds this build's semantic_manifest.json.
    """
    project = tmp_path / "project"
    if not project.exists():
        (project / "target").mkdir(parents=True)
        for name in PROJECT_FILES:
            (project / name).symlink_to(REPO_ROOT / name)
        shutil.copy(db.parent / "target" / "semantic_manifest.json", project / "target")
    out = tmp_path / f"{'_'.join(metrics)}__{'_'.join(group_by)}.csv"
    env = {**os.environ, "KPI_TARGET": "published", "KPI_PUBLISHED_PATH": str(db), "KPI_PUBLISHED_ALIAS": db.stem,
           "DBT_SEND_ANONYMOUS_USAGE_STATS": "false"}
    result = subprocess.run(
        [str(Path(sys.executable).with_name("mf")), "query", "--metrics", ",".join(metrics), "--group-by", ",".join(group_by), "--csv", str(out)],
        cwd=project, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0 and out.exists(), result.stdout[-3000:] + result.stderr[-3000:]
    return pd.read_csv(out)


def kpi_values(db: Path, kpi_id: str, grain: str, entity_type: str) -> dict[tuple[str, date], float | None]:
    rows = query(db, "select entity_id, period_start, value from kpi_values where kpi_id = ? and grain = ? and entity_type = ?",
                 [kpi_id, grain, entity_type])
    return {(entity, start): value for entity, start, value in rows}


def assert_same(answer: pd.DataFrame, time_column: str, entity_column: str, metric: str, expected: dict[tuple[str, date], float | None]) -> None:
    """Every kpi_values row has its mf row with the same value (NULL where kpi_values is NULL)."""
    got = {
        (entity, pd.Timestamp(time).date()): None if pd.isna(value) else float(value)
        for entity, time, value in zip(answer[entity_column], answer[time_column], answer[metric], strict=True)
    }
    assert expected, f"no kpi_values rows for {metric}"
    for key, value in expected.items():
        assert key in got, f"{metric}: mf has no row for {key}"
        if value is None:
            assert got[key] is None, (metric, key, got[key])
        else:
            assert got[key] is not None and math.isclose(got[key], value, rel_tol=1e-9, abs_tol=1e-9), (metric, key, got[key], value)


@pytest.fixture(scope="module")
def storefront_db(build_warehouse) -> Path:
    return build_warehouse(FIXTURES / "storefront_basic", date(2026, 11, 20), "storefront_basic")


@pytest.fixture(scope="module")
def hotel_db(build_warehouse) -> Path:
    return build_warehouse(FIXTURES / "hotel_basic", date(2026, 4, 15), "hotel_basic")


@pytest.fixture(scope="module")
def retail_db(build_warehouse) -> Path:
    return build_warehouse(FIXTURES / "retail_basic", date(2026, 3, 15), "retail_basic")


def test_storefront_revenue_and_aov_by_day(storefront_db, tmp_path):
    answer = mf_query(storefront_db, tmp_path, ["storefront_revenue", "storefront_average_order_value"], ["metric_time__day", "merchant"])
    revenue = kpi_values(storefront_db, "sales.daily_revenue", "day", "merchant")
    assert_same(answer, "metric_time__day", "merchant", "storefront_revenue", revenue)
    aov = kpi_values(storefront_db, "sales.avg_order_value", "day", "merchant")
    assert_same(answer, "metric_time__day", "merchant", "storefront_average_order_value", aov)
    # The fixture has order-less days: AOV is NULL there in both, never 0.
    assert any(value is None for value in aov.values())


def test_hotel_adr_occupancy_revpar_by_day_and_month(hotel_db, tmp_path):
    metrics = {"hotel_adr": "hotel.adr", "hotel_occupancy": "hotel.occupancy", "hotel_revpar": "hotel.revpar"}
    for grain in ("day", "month"):
        answer = mf_query(hotel_db, tmp_path, list(metrics), [f"metric_time__{grain}", "hotel"])
        for metric, kpi_id in metrics.items():
            assert_same(answer, f"metric_time__{grain}", "hotel", metric, kpi_values(hotel_db, kpi_id, grain, "hotel"))


def test_retail_ratio_kpis_by_merchant_and_vendor_month(retail_db, tmp_path):
    merchant_metrics = {
        "retail_gross_margin": "retail.gross_margin", "retail_markdown_rate": "retail.markdown_rate",
        "retail_in_stock_rate": "retail.in_stock_rate", "retail_fill_rate": "retail.fill_rate",
        "retail_on_time_delivery": "retail.on_time_delivery",
    }
    answer = mf_query(retail_db, tmp_path, list(merchant_metrics), ["metric_time__month", "retail_merchant"])
    for metric, kpi_id in merchant_metrics.items():
        assert_same(answer, "metric_time__month", "retail_merchant", metric, kpi_values(retail_db, kpi_id, "month", "merchant"))
    # Per vendor: the fixture's good and bad vendors differ, so a pooled answer would fail here.
    by_vendor = mf_query(retail_db, tmp_path, ["retail_fill_rate", "retail_on_time_delivery"], ["metric_time__month", "retail_vendor"])
    fill = kpi_values(retail_db, "retail.fill_rate", "month", "vendor")
    assert_same(by_vendor, "metric_time__month", "retail_vendor", "retail_fill_rate", fill)
    assert_same(by_vendor, "metric_time__month", "retail_vendor", "retail_on_time_delivery", kpi_values(retail_db, "retail.on_time_delivery", "month", "vendor"))
    assert len({value for value in fill.values() if value is not None}) > 1
