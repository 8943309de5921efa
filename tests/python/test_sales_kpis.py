"""Sales Pulse (1.1-1.4) and Growth (G.1-G.3) KPIs on the hand-made storefront fixture.

Expected values are computed here independently, with pandas straight from the fixture CSV
files and the definitions in the KPI catalog, or by hand where a boundary is the point.
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, kpi, query

AS_OF = date(2026, 11, 20)
RAW = FIXTURES / "storefront_basic"
STATUSES = {"pending", "authorized", "paid", "partially_paid", "partially_refunded", "refunded", "voided"}


@pytest.fixture(scope="module")
def db(build_warehouse) -> Path:
    return build_warehouse(RAW, AS_OF, "storefront_basic")


def _csv(table: str) -> pd.DataFrame:
    return pd.read_csv(RAW / "storefront" / f"{table}.csv", dtype=str, keep_default_na=False)


@pytest.fixture(scope="module")
def revenue_orders() -> pd.DataFrame:
    """Clean revenue orders up to as_of, by the catalog's definition of sales.daily_revenue."""
    o = _csv("orders")
    o["created"] = pd.to_datetime(o["created_at"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    o["total"] = pd.to_numeric(o["total_price"], errors="coerce")
    valid = (o["order_id"] != "") & o["created"].notna() & (o["total"] >= 0) & o["financial_status"].isin(STATUSES)
    o = o[valid].drop_duplicates(["merchant_id", "order_id"])
    cancelled = (o["cancelled_at"] != "") | (o["financial_status"] == "voided")
    o = o[~cancelled & (o["financial_status"] != "refunded")]
    o["day"] = o["created"].dt.normalize()
    return o[o["day"] <= pd.Timestamp(AS_OF)]


@pytest.fixture(scope="module")
def daily(revenue_orders: pd.DataFrame) -> pd.DataFrame:
    """Revenue and revenue orders per merchant and day, every day from the merchant's creation."""
    starts = {"M01": "2026-09-01", "M02": "2026-11-10"}
    frames = []
    for merchant, start in starts.items():
        days = pd.date_range(start, AS_OF, freq="D")
        mine = revenue_orders[revenue_orders["merchant_id"] == merchant].groupby("day")["total"].agg(["sum", "count"])
        frame = mine.reindex(days, fill_value=0).rename(columns={"sum": "revenue", "count": "orders"})
        frame["merchant_id"] = merchant
        frames.append(frame)
    return pd.concat(frames)


def test_daily_revenue_every_day_matches_pandas(db, daily):
    got = pd.DataFrame(
        query(db, "select entity_id, period_start, value from kpi_values where kpi_id = 'sales.daily_revenue'"),
        columns=["merchant_id", "day", "value"],
    )
    got["day"] = pd.to_datetime(got["day"])
    merged = daily.reset_index(names="day").merge(got, on=["merchant_id", "day"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), merged[merged["_merge"] != "both"]
    assert merged["value"].round(2).tolist() == merged["revenue"].round(2).tolist()


@pytest.mark.parametrize(
    ("merchant", "day", "value", "status"),
    [
        ("M01", "2026-11-17", 2999.99, "RED"),  # just below the 3,000 RED bound
        ("M01", "2026-11-18", 3000.00, "YELLOW"),  # 1000 + 1900 + 100 partially refunded; 3,000 is YELLOW
        ("M01", "2026-11-19", 0.00, "RED"),  # no orders: a true zero, not NO_DATA
        ("M01", "2026-11-20", 4000.00, "YELLOW"),  # 2500 (unknown customer, still revenue) + 1500; 4,000 is YELLOW
        ("M02", "2026-11-18", 1000.00, "YELLOW"),  # M02's override: YELLOW up to 1,000 inclusive
        ("M02", "2026-11-19", 699.00, "RED"),  # below M02's 700 RED bound
        ("M02", "2026-11-20", 1000.01, "GREEN"),  # above M02's YELLOW band, below its 1,500 target
    ],
)
def test_daily_revenue_boundaries_by_hand(db, merchant, day, value, status):
    got_value, got_status, _ = kpi(db, "sales.daily_revenue", merchant, "day", day)
    assert round(got_value, 2) == value
    assert got_status == status


def test_aov_matches_pandas_and_is_no_data_without_orders(db, daily):
    expected = (daily["revenue"] / daily["orders"].where(daily["orders"] > 0)).round(4)
    got = dict(
        ((m, pd.Timestamp(d)), v)
        for m, d, v in query(db, "select entity_id, period_start, value from kpi_values where kpi_id = 'sales.avg_order_value'")
    )
    for day, row in daily.assign(aov=expected).iterrows():
        got_value = got[(row["merchant_id"], day)]
        assert (got_value is None and pd.isna(row["aov"])) or round(got_value, 4) == row["aov"]
    # By hand: 3000 / 3 revenue orders on Nov 18; no order on Nov 19 is NO_DATA, not 0.
    assert kpi(db, "sales.avg_order_value", "M01", "day", "2026-11-18")[:2] == (1000.0, "GREEN")
    assert kpi(db, "sales.avg_order_value", "M01", "day", "2026-11-19")[:2] == (None, "NO_DATA")


def test_wow_growth_matches_pandas_rolling_weeks(db, daily):
    for merchant, frame in daily.groupby("merchant_id"):
        this_week = frame["revenue"].rolling(7).sum()
        last_week = frame["revenue"].shift(7).rolling(7).sum()
        expected = ((this_week - last_week) * 100 / last_week.where(last_week > 0)).round(6)
        got = dict(
            (pd.Timestamp(d), v)
            for d, v in query(
                db, "select period_start, value from kpi_values where kpi_id = 'sales.revenue_growth_wow' and entity_id = ?", [merchant]
            )
        )
        for day, value in expected.items():
            assert (got[day] is None and pd.isna(value)) or round(got[day], 6) == value, (merchant, day)
    # M02 has 11 days of history: no full "last week", so NO_DATA.
    assert kpi(db, "sales.revenue_growth_wow", "M02", "day", "2026-11-20")[1] == "NO_DATA"


def test_top5_sku_share_matches_pandas(db):
    lines = _csv("order_lines")
    lines["qty"] = pd.to_numeric(lines["quantity"], errors="coerce")
    lines["price"] = pd.to_numeric(lines["unit_price"], errors="coerce")
    lines = lines[(lines["qty"] > 0) & (lines["sku"] != "")].drop_duplicates(["merchant_id", "order_line_id"])
    orders = query(db, "select merchant_id, order_id, order_date from int_orders_classified where is_revenue_order")
    # Only the list of revenue orders comes from the warehouse; the 30-day arithmetic is pandas'.
    rev = lines.merge(pd.DataFrame(orders, columns=["merchant_id", "order_id", "day"]), on=["merchant_id", "order_id"])
    rev["day"] = pd.to_datetime(rev["day"])
    rev = rev[rev["day"] <= pd.Timestamp(AS_OF)]
    rev["amount"] = rev["qty"] * rev["price"]
    m01 = rev[rev["merchant_id"] == "M01"]
    for day in pd.date_range("2026-10-15", AS_OF, freq="D"):
        window = m01[(m01["day"] > day - pd.Timedelta(days=30)) & (m01["day"] <= day)]
        by_sku = window.groupby("sku")["amount"].sum().sort_values(ascending=False)
        expected_share = by_sku.head(5).sum() * 100 / by_sku.sum()
        got_share = kpi(db, "sales.top5_sku_revenue_share", "M01", "day", day.date().isoformat())[0]
        got_top5 = kpi(db, "sales.top5_sku_revenue_30d", "M01", "day", day.date().isoformat())[0]
        assert round(got_share, 6) == round(expected_share, 6), day
        assert round(got_top5, 2) == round(by_sku.head(5).sum(), 2), day


def test_mrr_mom_and_ytd_match_pandas(db, daily):
    m01 = daily[daily["merchant_id"] == "M01"]["revenue"]
    by_month = m01.groupby(m01.index.to_period("M")).agg(["sum", "count"])
    mrr = by_month["sum"] / by_month["count"] * by_month.index.days_in_month
    for period, value in mrr.items():
        assert round(kpi(db, "growth.mrr", "M01", "month", period.start_time.date().isoformat())[0], 4) == round(value, 4)
    mom = (mrr - mrr.shift()) * 100 / mrr.shift()
    assert kpi(db, "growth.revenue_growth_mom", "M01", "month", "2026-09-01")[:2] == (None, "NO_DATA")
    for period in mom.index[1:]:
        assert round(kpi(db, "growth.revenue_growth_mom", "M01", "month", period.start_time.date().isoformat())[0], 6) == round(mom[period], 6)


@pytest.mark.parametrize(
    ("merchant", "days", "daily_target"),
    [
        # M01 trades from 2026-09-01: 30 + 31 + 20 = 81 days at the catalog's $5,000 a day.
        ("M01", 81, 5_000),
        # M02 from 2026-11-10: 11 days at its own $1,500 a day (seeds/kpi_threshold_overrides.csv).
        ("M02", 11, 1_500),
    ],
)
def test_ytd_target_is_the_merchants_own(db, daily, merchant, days, daily_target):
    """G.2: the merchant's daily target times its days traded, not the company's $10MM pro-rated
    (10,000,000 * 324 / 365 = $8,876,712.33 for every merchant on 2026-11-20)."""
    revenue = daily[daily["merchant_id"] == merchant]["revenue"]
    assert len(revenue) == days
    value, status, met = kpi(db, "growth.ytd_revenue", merchant, "year_to_date", "2026-01-01")
    target = query(
        db, "select target_value from kpi_values where kpi_id = 'growth.ytd_revenue' and entity_id = ? and grain = 'year_to_date'", [merchant]
    )[0][0]
    assert round(value, 2) == round(revenue.sum(), 2)
    assert target == days * daily_target  # M01 $405,000, M02 $16,500
    assert status == "INFO"
    assert met is bool(revenue.sum() >= target)


def test_dashboard_shows_the_seven_kpis_per_merchant_on_as_of(db):
    rows = query(
        db,
        "select entity_id, count(*), max(period_end) from kpi_dashboard where entity_type = 'merchant'"
        " group by entity_id order by entity_id",
    )
    # Eight kpi_ids: 1.4 has its share and its revenue companion.
    assert rows == [("M01", 8, AS_OF), ("M02", 8, AS_OF)]


def test_quarantine_reasons_and_row_conservation(db):
    reasons = dict(
        ((t, r), n)
        for t, r, n in query(db, "select source_table, quarantine_reason, count(*) from fct_dq_quarantined_records where source_system = 'storefront' group by all")
    )
    # Every deliberately bad row of the fixture, by hand.
    assert reasons == {
        ("merchants", "duplicate_key"): 1,
        ("products", "invalid_number"): 1,
        ("customers", "duplicate_key"): 1,
        ("customers", "null_key"): 1,
        ("orders", "duplicate_key"): 1,
        ("orders", "null_key"): 1,
        ("orders", "invalid_timestamp"): 1,
        ("orders", "invalid_enum"): 1,
        ("orders", "invalid_number"): 1,
        ("order_lines", "duplicate_key"): 1,
        ("order_lines", "invalid_number"): 1,
        ("order_lines", "null_key"): 1,
        ("order_lines", "orphan_key"): 1,
        ("order_lines", "parent_quarantined"): 1,
    }
    for table in ("merchants", "products", "customers", "orders", "order_lines"):
        raw_rows = len(_csv(table))
        clean_rows = query(db, f"select count(*) from stg_storefront__{table}")[0][0]
        quarantined = sum(n for (t, _), n in reasons.items() if t == table)
        assert raw_rows == clean_rows + quarantined, table
