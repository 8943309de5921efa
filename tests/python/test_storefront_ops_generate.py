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
