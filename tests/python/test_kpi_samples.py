"""Sample sizes behind the KPIs (issue 11): every ratio, average and median carries the count it
rests on, and a value over fewer observations than its catalog minimum is shown but not judged.

The storefront_ops fixture is built twice: as the other fixture tests build it (minimums off, so
its three-order days test arithmetic and bands) and as the product judges it (minimums on). The
expected statuses are derived here from the catalog CSV and the first build's statuses alone.
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from conftest import REPO_ROOT, query
from test_classicmodels import AS_OF as CLASSICMODELS_AS_OF
from test_classicmodels import DATA_DIR as CLASSICMODELS_DIR
from test_retail_kpis import AS_OF as RETAIL_AS_OF
from test_retail_kpis import RAW as RETAIL_RAW
from test_storefront_ops import AS_OF, RAW

CATALOG = pd.concat(pd.read_csv(p) for p in sorted((REPO_ROOT / "seeds" / "kpi_catalog").glob("*.csv")))
MIN_SAMPLES = CATALOG.dropna(subset=["min_sample_size"]).set_index("kpi_id")["min_sample_size"].astype(int).to_dict()
# Ratios, averages and medians: a share, a rate, a change, a score, or a mean or median of a duration.
RATIO_UNITS = {"pct", "pct_ratio", "pct_change", "pp", "ratio", "score"}
AVERAGES = CATALOG[CATALOG["definition"].str.contains(r"\b(?:average|median|mean)\b", case=False, regex=True)]["kpi_id"]
KEY = ["kpi_id", "entity_type", "entity_id", "grain", "period_start"]


@pytest.fixture(scope="module")
def lenient(build_warehouse) -> Path:
    return build_warehouse(RAW, AS_OF, "storefront_ops")


@pytest.fixture(scope="module")
def judged(build_warehouse) -> Path:
    return build_warehouse(RAW, AS_OF, "storefront_ops_judged", {"KPI_APPLY_MIN_SAMPLES": "true"})


def frame(db: Path) -> pd.DataFrame:
    rows = query(db, "select kpi_id, entity_type, entity_id, grain, period_start, value, sample_size, status, status_reason, is_target_met from kpi_values")
    return pd.DataFrame(rows, columns=[*KEY, "value", "sample_size", "status", "status_reason", "is_target_met"])


def test_a_two_conversation_day_is_not_judged(judged: Path) -> None:
    # M01 on 03-10 (fixture): C5 answered in time, C7 after 90 min on the '*' channel's 60 min SLA:
    # 1 breach of 2 = 50 %, shown, but 2 conversations are under the catalog's 20.
    assert MIN_SAMPLES["cx.sla_breach_rate"] == 20
    rows = query(judged, "select value, sample_size, min_sample_size, status, status_reason, is_target_met from kpi_values"
                         " where kpi_id = 'cx.sla_breach_rate' and entity_id = 'M01' and grain = 'day' and period_start = '2026-03-10'")
    assert rows == [(50.0, 2, 20, "NO_DATA", "insufficient_sample", None)]


def test_a_day_without_conversations_has_nothing_measured(judged: Path) -> None:
    rows = query(judged, "select value, sample_size, status, status_reason from kpi_values"
                         " where kpi_id = 'cx.sla_breach_rate' and entity_id = 'M02' and grain = 'day' and period_start = '2026-03-10'")
    assert rows == [(None, 0, "NO_DATA", "no_value")]


def test_minimums_change_only_the_small_samples(lenient: Path, judged: Path) -> None:
    both = frame(lenient).merge(frame(judged), on=KEY, suffixes=("_lenient", "_judged"), validate="one_to_one")
    assert len(both) == len(frame(judged))
    minimum = both["kpi_id"].map(MIN_SAMPLES)
    small = both["value_judged"].notna() & minimum.notna() & (both["sample_size_judged"] < minimum)
    assert small.sum() > 100  # the fixture's days are small: the rule is exercised, not vacuous
    assert (both.loc[small, "status_judged"] == "NO_DATA").all()
    assert (both.loc[small, "status_reason_judged"] == "insufficient_sample").all()
    assert both.loc[small, "is_target_met_judged"].isna().all()
    rest = both[~small]
    assert (rest["status_judged"] == rest["status_lenient"]).all()
    assert (rest["status_reason_judged"].fillna("") == rest["status_reason_lenient"].fillna("")).all()
    pd.testing.assert_series_equal(both["value_judged"], both["value_lenient"], check_names=False)


@pytest.mark.parametrize("name", ["storefront_ops", "retail_basic", "classicmodels"])
def test_every_ratio_carries_its_sample_size(build_warehouse, tmp_path_factory: pytest.TempPathFactory, name: str) -> None:
    if name == "storefront_ops":
        db = build_warehouse(RAW, AS_OF, name)
    elif name == "retail_basic":
        db = build_warehouse(RETAIL_RAW, RETAIL_AS_OF, name)
    else:
        if not (CLASSICMODELS_DIR / "orders.csv").is_file():
            pytest.skip(f"no Classic Models data in {CLASSICMODELS_DIR}")
        # As test_classicmodels builds it: only classicmodels, read from its own directory.
        db = build_warehouse(tmp_path_factory.mktemp("classicmodels_raw"), CLASSICMODELS_AS_OF, name, {"KPI_SOURCE_SYSTEMS": "classicmodels"})
    values = frame(db).merge(CATALOG[["kpi_id", "unit"]], on="kpi_id")
    ratios = values[values["unit"].isin(RATIO_UNITS) | values["kpi_id"].isin(AVERAGES) | values["kpi_id"].isin(MIN_SAMPLES)]
    measured = ratios[ratios["value"].notna()]
    assert len(measured) > 0
    missing = measured[measured["sample_size"].isna()].groupby("kpi_id").size()
    assert missing.empty, f"ratios without a sample size: {missing.to_dict()}"
    assert (measured["sample_size"] >= 0).all()
