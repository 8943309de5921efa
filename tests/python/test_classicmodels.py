"""Spec 002 (Classic Models) on the real data: every figure the issue lists, computed here
independently with pandas from the CSV files, must equal what the marts and kpi_values say.

The data is read from KPI_CLASSICMODELS_DIR (default ../shared/data/classicmodels beside the
repo); without it these tests are skipped, never failed.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from conftest import kpi, query
from kpiwh.config import system_dir

DATA_DIR = system_dir("classicmodels", Path())
AS_OF = date(2026, 11, 20)  # the global as_of; classicmodels uses its own (last order date)

pytestmark = pytest.mark.skipif(
    not (DATA_DIR / "orders.csv").is_file(),
    reason=f"Classic Models data not found in {DATA_DIR} (set KPI_CLASSICMODELS_DIR)",
)


def read(table: str) -> pd.DataFrame:
    """One raw table as text, empty field = missing, stray spaces trimmed (as staging does)."""
    df = pd.read_csv(DATA_DIR / f"{table}.csv", dtype=str, keep_default_na=False)
    return df.apply(lambda s: s.str.strip()).replace("", np.nan)


def midrank_quintile(values: pd.Series, best_high: bool) -> pd.Series:
    """Mid-rank quintile, 5 = best: the quintile holding the middle of a value's block of ties.

    pandas' average rank r of a block spanning positions a..b is (a + b) / 2, so its middle on a
    0..n scale is r - 0.5 and the score 1 + floor(5 * (r - 0.5) / n).
    """
    average_rank = values.rank(method="average", ascending=best_high)
    return (1 + np.floor(5 * (average_rank - 0.5) / len(values))).astype(int)


def abc_counts(revenue: pd.Series) -> dict[str, int]:
    """A while the running share before the row is < 70 % (the row crossing 70 % is A), B < 90 %, C after or without revenue."""
    r = revenue.sort_values(ascending=False, kind="mergesort")
    before = (r.cumsum() - r) / r.sum()
    cls = np.where(r <= 0, "C", np.where(before < 0.7, "A", np.where(before < 0.9, "B", "C")))
    return {c: int((cls == c).sum()) for c in "ABC"}


@pytest.fixture(scope="module")
def raw() -> dict[str, pd.DataFrame]:
    t = {name: read(name) for name in ["customers", "orders", "orderdetails", "products", "employees"]}
    o = t["orders"]
    o["order_id"] = o.orderNumber.astype(int)
    o["customer_id"] = o.customerNumber.astype(int)
    for col in ["orderDate", "requiredDate", "shippedDate"]:
        o[col] = pd.to_datetime(o[col], format="%Y-%m-%d", errors="coerce")
    o["is_revenue"] = o.status.str.lower() != "cancelled"
    d = t["orderdetails"]
    d["order_id"] = d.orderNumber.astype(int)
    d["value"] = d.quantityOrdered.astype(int) * d.priceEach.astype(float)
    o["value"] = o.order_id.map(d.groupby("order_id").value.sum()).fillna(0)
    o["revenue"] = np.where(o.is_revenue, o.value, 0.0)
    c = t["customers"]
    c["customer_id"] = c.customerNumber.astype(int)
    return t


@pytest.fixture(scope="module")
def db(build_warehouse, tmp_path_factory) -> Path:
    # Only classicmodels is built: its files are not under the raw directory.
    empty_raw = tmp_path_factory.mktemp("classicmodels_raw")
    return build_warehouse(empty_raw, AS_OF, "classicmodels", {"KPI_SOURCE_SYSTEMS": "classicmodels"})


def summary(db: Path, column: str):
    value = query(db, f"select {column} from fct_classicmodels_summary")[0][0]
    return float(value) if isinstance(value, Decimal) else value


def test_as_of_defaults_to_last_order_date(db, raw):
    assert summary(db, "as_of_date") == raw["orders"].orderDate.max().date() == date(2005, 5, 31)


def test_counts_match_the_data(db, raw):
    expected = {
        "order_count": len(raw["orders"]),  # 326
        "customer_count": len(raw["customers"]),  # 122
        "product_count": len(raw["products"]),  # 110
        "employee_count": len(raw["employees"]),  # 23
        "country_count": raw["customers"].country.nunique(),  # 27 once 'Norway  ' is trimmed
    }
    assert expected == {"order_count": 326, "customer_count": 122, "product_count": 110, "employee_count": 23, "country_count": 27}
    for column, value in expected.items():
        assert summary(db, column) == value, column
    assert kpi(db, "classicmodels.orders_total", "classicmodels", "day", "2005-05-31")[0] == 326


def test_yearly_cards(db, raw):
    o = raw["orders"]
    o = o.assign(year=o.orderDate.dt.year)
    shipped = o[o.shippedDate.notna()]
    for year, g in o.groupby("year"):
        revenue = g.revenue.sum()
        aov = revenue / g.is_revenue.sum()
        s = shipped[shipped.year == year]
        on_time = 100 * (s.shippedDate <= s.requiredDate).mean()
        start = f"{year}-01-01"
        assert kpi(db, "classicmodels.revenue", "classicmodels", "year", start)[0] == pytest.approx(revenue)
        assert kpi(db, "classicmodels.order_count", "classicmodels", "year", start)[0] == len(g)
        assert kpi(db, "classicmodels.active_customers", "classicmodels", "year", start)[0] == g.customer_id.nunique()
        assert kpi(db, "classicmodels.avg_order_value", "classicmodels", "year", start)[0] == pytest.approx(aov)
        assert kpi(db, "classicmodels.on_time_rate", "classicmodels", "year", start)[0] == pytest.approx(on_time)
    # YoY: 2004 against 2003; the first year has none (NO_DATA, never 0).
    by_year = o.groupby("year").revenue.sum()
    assert kpi(db, "classicmodels.revenue_yoy", "classicmodels", "year", "2004-01-01")[0] == pytest.approx(
        100 * (by_year[2004] - by_year[2003]) / by_year[2003]
    )
    assert kpi(db, "classicmodels.revenue_yoy", "classicmodels", "year", "2003-01-01")[:2] == (None, "NO_DATA")
    # The running year 2005 (to 2005-05-31) is compared with 2004-01-01..2004-05-31.
    ytd_2005 = o[o.year == 2005].revenue.sum()
    same_days_2004 = o[(o.orderDate >= "2004-01-01") & (o.orderDate <= "2004-05-31")].revenue.sum()
    assert kpi(db, "classicmodels.revenue_yoy", "classicmodels", "year", "2005-01-01")[0] == pytest.approx(
        100 * (ytd_2005 - same_days_2004) / same_days_2004
    )
    # Overall on-time rate: 311 of 312 shipped orders (order 10165 shipped late).
    assert summary(db, "on_time_rate_pct") == pytest.approx(100 * (shipped.shippedDate <= shipped.requiredDate).mean())


def test_abc_class_counts(db, raw):
    o, d, c = raw["orders"], raw["orderdetails"], raw["customers"]
    cust_rev = c.customer_id.map(o.groupby("customer_id").revenue.sum()).fillna(0)
    revenue_orders = set(o.loc[o.is_revenue, "order_id"])
    lines = d[d.order_id.isin(revenue_orders)]
    prod_rev = raw["products"].productCode.map(lines.groupby("productCode").value.sum()).fillna(0)
    # Sales reps are the employees with at least one customer; the others are not ranked.
    c_rep = c.assign(revenue=cust_rev.values).dropna(subset=["salesRepEmployeeNumber"])
    rep_rev = c_rep.groupby("salesRepEmployeeNumber").revenue.sum()
    assert len(rep_rev) == 15 and len(raw["employees"]) == 23
    for entity, revenue in [("customer", cust_rev), ("product", prod_rev), ("rep", rep_rev)]:
        for cls, n in abc_counts(revenue).items():
            assert summary(db, f"{entity}_{cls.lower()}_count") == n, (entity, cls)
    classes = dict(query(db, "select cast(employee_id as varchar), abc_class from dim_classicmodels_sales_reps"))
    assert {e for e, cls in classes.items() if cls is not None} == set(rep_rev.index)
    titles = dict(query(db, "select job_title, count(abc_class) from dim_classicmodels_sales_reps group by job_title"))
    assert titles["President"] == 0 and titles["VP Sales"] == 0


def test_abc_crossing_row_is_a_on_the_real_data(db, raw):
    """Per customer: the customer whose revenue crosses 70 % of the total is the last A."""
    c, o = raw["customers"], raw["orders"]
    df = pd.DataFrame({"customer_id": c.customer_id, "revenue": c.customer_id.map(o.groupby("customer_id").revenue.sum()).fillna(0)})
    df = df.sort_values(["revenue", "customer_id"], ascending=[False, True]).reset_index(drop=True)
    df["running"] = df.revenue.cumsum() / df.revenue.sum()
    crossing = int(np.argmax(df.running.values >= 0.7))
    assert df.running[crossing - 1] < 0.7 < df.running[crossing]
    got = dict(query(db, "select customer_id, abc_class from dim_classicmodels_customers"))
    assert [got[i] for i in df.customer_id[crossing - 1 : crossing + 2]] == ["A", "A", "B"]
    assert summary(db, "customer_a_count") == crossing + 1


@pytest.fixture(scope="module")
def rfm(raw) -> pd.DataFrame:
    o = raw["orders"]
    as_of = o.orderDate.max()
    g = o.groupby("customer_id").agg(
        first=("orderDate", "min"), last=("orderDate", "max"), orders=("order_id", "count"), revenue=("revenue", "sum")
    )
    g["recency"] = (as_of - g["last"]).dt.days
    g = g.reset_index()
    # Mid-rank quintiles, 5 = best: equal values, equal scores.
    for score, col, best_high in [("r", "recency", False), ("f", "orders", True), ("m", "revenue", True)]:
        g[score] = midrank_quintile(g[col], best_high)
    g["score"] = g.r + g.f + g.m
    g["tier"] = pd.cut(g.score, [0, 6, 9, 12, 15], labels=["low", "mid", "high", "top"])
    return g


def test_rfm_tiers(db, rfm):
    rows = dict(query(db, "select rfm_tier, count(*) from fct_classicmodels_customer_rfm group by rfm_tier"))
    assert rows == {t: int(n) for t, n in rfm.tier.value_counts().items() if n}
    assert summary(db, "rfm_top_share_pct") == pytest.approx(100 * (rfm.tier == "top").mean())


def test_rfm_scores_are_tie_aware(db, rfm):
    got = pd.DataFrame(
        query(db, "select customer_id, order_count, recency_days, revenue, recency_score, frequency_score, monetary_score from fct_classicmodels_customer_rfm"),
        columns=["customer_id", "orders", "recency", "revenue", "r", "f", "m"],
    )
    # Equal values, equal scores: the 43 customers with exactly 3 orders all score F = 3.
    for value, score in [("orders", "f"), ("recency", "r"), ("revenue", "m")]:
        assert (got.groupby(value)[score].nunique() == 1).all(), value
    three = got[got.orders == 3]
    assert len(three) == 43 and set(three.f) == {3}
    merged = got.merge(rfm[["customer_id", "r", "f", "m"]], on="customer_id", suffixes=("", "_pandas"))
    assert len(merged) == len(rfm) == 98
    for score in "rfm":
        assert (merged[score] == merged[f"{score}_pandas"]).all(), score
        assert got[score].value_counts().sort_index().to_dict() == rfm[score].value_counts().sort_index().to_dict()
    # By hand for F: 1 order (1 customer), 2 (30), 3 (43), 4 (17), 5+ (7) of 98; the middle of
    # the 3-order block (positions 32..74) is 52.5 / 98 = 54 %, quintile 3.
    assert got.f.value_counts().to_dict() == {1: 31, 3: 43, 5: 24}


def test_overdue_churn_and_reorder_interval(db, rfm):
    assert summary(db, "overdue_customer_count") == (rfm.recency > 60).sum()
    assert summary(db, "churn_risk_customer_count") == (rfm.recency > 180).sum()
    assert summary(db, "churn_revenue_at_risk") == pytest.approx(rfm.loc[rfm.recency > 180, "revenue"].sum())
    repeat = rfm[rfm.orders >= 2]
    intervals = (repeat["last"] - repeat["first"]).dt.days / (repeat.orders - 1)
    assert summary(db, "avg_reorder_interval_days") == pytest.approx(intervals.mean())


def test_top_lift_pair(db, raw):
    d = raw["orderdetails"][["order_id", "productCode"]].drop_duplicates()
    n_orders = d.order_id.nunique()
    per_product = d.groupby("productCode").order_id.count()
    pairs = d.merge(d, on="order_id")
    pairs = pairs[pairs.productCode_x < pairs.productCode_y]
    counts = pairs.groupby(["productCode_x", "productCode_y"]).size().rename("n").reset_index()
    counts = counts[counts.n >= 3]
    counts["lift"] = counts.n * n_orders / (counts.productCode_x.map(per_product) * counts.productCode_y.map(per_product))
    top = counts.sort_values(["lift", "n", "productCode_x", "productCode_y"], ascending=[False, False, True, True]).iloc[0]
    got = query(db, "select product_a_id, product_b_id, lift from fct_classicmodels_product_pairs where lift_rank = 1")
    assert got == [(top.productCode_x, top.productCode_y, pytest.approx(top.lift))]


def test_credit_misalignment(db, raw):
    o, c = raw["orders"], raw["customers"]
    revenue = c.customer_id.map(o.groupby("customer_id").revenue.sum()).fillna(0)
    limit = c.creditLimit.astype(float)
    assert summary(db, "under_credited_count") == ((revenue > 0) & (revenue > 2 * limit)).sum()
    assert summary(db, "over_credited_count") == ((limit > 0) & (limit > 2 * revenue) & ~(revenue > 2 * limit)).sum()


def test_export_from_sqlite_reproduces_the_csv_files(tmp_path):
    """`kpiwh export-classicmodels` turns the SQLite copy into the same tables as the CSV files."""
    sqlite_file = DATA_DIR / "classicmodels.sqlite"
    if not sqlite_file.is_file():
        pytest.skip(f"no SQLite copy in {DATA_DIR}")
    from kpiwh.classicmodels import TABLES, export_sqlite

    counts = export_sqlite(sqlite_file, tmp_path)
    for table in TABLES:
        exported = pd.read_csv(tmp_path / f"{table}.csv", keep_default_na=False, dtype=str)
        original = pd.read_csv(DATA_DIR / f"{table}.csv", keep_default_na=False, dtype=str)
        assert counts[table] == len(original), table
        assert list(exported.columns) == list(original.columns), table
    orders = pd.read_csv(tmp_path / "orders.csv", keep_default_na=False, dtype=str)
    assert orders.equals(pd.read_csv(DATA_DIR / "orders.csv", keep_default_na=False, dtype=str))
