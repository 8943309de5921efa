"""The storefront-operations generators: deterministic, and consistent with the storefront's data."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from kpiwh import generate

SYSTEMS = ["storefront", "inventory", "fulfillment", "helpdesk", "ops"]


def read(root: Path, system: str, table: str) -> pd.DataFrame:
    return pd.read_csv(root / system / f"{table}.csv", dtype=str, keep_default_na=False, na_values=[""])


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    first, second = tmp_path_factory.mktemp("gen_a"), tmp_path_factory.mktemp("gen_b")
    for out in (first, second):
        generate.generate(out, date(2026, 3, 31), 0.1, 7, "csv", SYSTEMS)
    return first, second


def test_same_seed_same_files(generated: tuple[Path, Path]) -> None:
    first, second = generated
    for path in sorted(first.rglob("*.csv")):
        assert path.read_bytes() == (second / path.relative_to(first)).read_bytes(), path.name


def test_consistent_with_the_storefront(generated: tuple[Path, Path]) -> None:
    root = generated[0]
    orders = read(root, "storefront", "orders")
    products = read(root, "storefront", "products")
    # Every system's rows refer to the storefront's merchants, SKUs and orders, except the one
    # deliberate orphan per system that staging must catch.
    fulfillments = read(root, "fulfillment", "fulfillments").dropna(subset=["order_id"])
    assert (~fulfillments["order_id"].isin(orders["order_id"])).sum() == 1
    cancelled = orders.loc[orders["financial_status"] == "voided", "order_id"]
    assert not fulfillments["order_id"].isin(cancelled).any()
    snapshots = read(root, "inventory", "inventory_snapshots").dropna(subset=["sku"])
    assert snapshots["sku"].isin(products["sku"]).all()
    conversations = read(root, "helpdesk", "conversations")
    operators = read(root, "ops", "operators")
    assert conversations["assigned_operator_id"].isin(operators["operator_id"]).all()
    assert set(conversations["merchant_id"].dropna()) <= set(products["merchant_id"])
    about_orders = conversations["order_id"].dropna()
    assert about_orders.isin(orders["order_id"]).all()


def test_scripted_stockout_and_backlog_week(generated: tuple[Path, Path]) -> None:
    """docs/default_data.md: M01's best seller (most units sold over the inventory year) has no stock
    from 14 to 6 days before the end and is restocked 5 days before it; M03's conversations opened
    28-34 days before the end wait far longer for a first response than its other conversations."""
    root = generated[0]
    end = pd.Timestamp("2026-03-31")
    orders = read(root, "storefront", "orders")
    revenue = orders[~orders["financial_status"].isin(["voided", "refunded"]) & orders["cancelled_at"].isna()]
    lines = read(root, "storefront", "order_lines").merge(revenue[["merchant_id", "order_id", "created_at"]], on=["merchant_id", "order_id"])
    lines = lines[(lines["merchant_id"] == "M01") & (pd.to_datetime(lines["created_at"], errors="coerce") > end - pd.Timedelta(days=365))]
    best = pd.to_numeric(lines["quantity"]).groupby(lines["sku"]).sum().idxmax()
    snapshots = read(root, "inventory", "inventory_snapshots").dropna(subset=["sku"])
    stock = snapshots[snapshots["sku"] == best].drop_duplicates("snapshot_date").set_index("snapshot_date")["on_hand_qty"].astype(int)
    days_before = {d: (end - pd.Timestamp(d)).days for d in stock.index}
    assert all(stock[d] == 0 for d, n in days_before.items() if 6 <= n <= 14)
    assert stock[(end - pd.Timedelta(days=4)).strftime("%Y-%m-%d")] > 0

    conversations = read(root, "helpdesk", "conversations")
    m03 = conversations[(conversations["merchant_id"] == "M03") & conversations["first_response_at"].notna()]
    created = pd.to_datetime(m03["created_at"], errors="coerce")
    wait = (pd.to_datetime(m03["first_response_at"]) - created).dt.total_seconds()
    in_backlog = ((end - created.dt.normalize()).dt.days).between(28, 34)
    assert wait[in_backlog].median() > 3 * wait[~in_backlog].median()
