"""The storefront data the storefront-operations generators build on, read back from its files.

The storefront generator writes first (see SYSTEMS in kpiwh.generate); inventory, fulfillment and
helpdesk then read its files so that they describe the same merchants, SKUs and orders. Only the
usable rows are kept here: the deliberately bad storefront rows must not leak into other systems.
"""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from kpiwh.generate.common import GenContext

SYSTEM = "storefront"


def read_table(ctx: GenContext, system: str, table: str) -> pd.DataFrame:
    """One raw table as text columns (empty means NULL), whatever the output format."""
    path = ctx.out_dir / system / f"{table}.{ctx.fmt}"
    if ctx.fmt == "parquet":
        return pd.read_parquet(path).astype("string")
    return pd.read_csv(path, dtype="string", keep_default_na=False, na_values=[""])


@dataclass(frozen=True)
class Storefront:
    merchant_ids: np.ndarray  # sorted merchant ids
    products: pd.DataFrame  # merchant_id, sku
    orders: pd.DataFrame  # merchant_id, order_id, created_at (datetime64[s]), fulfillment_status, is_cancelled
    sku_day_units: pd.DataFrame  # merchant_id, sku, day (datetime64[D]), units: revenue orders only


def load(ctx: GenContext) -> Storefront:
    products = read_table(ctx, SYSTEM, "products").dropna(subset=["merchant_id", "sku"])
    products = products.drop_duplicates(["merchant_id", "sku"])[["merchant_id", "sku"]].reset_index(drop=True)

    orders = read_table(ctx, SYSTEM, "orders").dropna(subset=["merchant_id", "order_id"])
    orders["created_at"] = pd.to_datetime(orders["created_at"], errors="coerce")
    orders = orders.dropna(subset=["created_at"]).drop_duplicates(["merchant_id", "order_id"])
    orders = orders[orders["financial_status"].isin(["pending", "authorized", "paid", "partially_paid", "partially_refunded", "refunded", "voided"])]
    orders["is_cancelled"] = orders["cancelled_at"].notna() | (orders["financial_status"] == "voided")
    orders = orders.sort_values(["merchant_id", "created_at", "order_id"]).reset_index(drop=True)

    lines = read_table(ctx, SYSTEM, "order_lines").dropna(subset=["merchant_id", "order_id", "sku"])
    lines["quantity"] = pd.to_numeric(lines["quantity"], errors="coerce")
    lines = lines[lines["quantity"] > 0].drop_duplicates(["merchant_id", "order_line_id"])
    revenue_orders = orders.loc[~orders["is_cancelled"] & (orders["financial_status"] != "refunded"), ["merchant_id", "order_id", "created_at"]]
    sold = lines.merge(revenue_orders, on=["merchant_id", "order_id"], how="inner")
    sold["day"] = sold["created_at"].to_numpy().astype("datetime64[D]")
    units = sold.groupby(["merchant_id", "sku", "day"], as_index=False)["quantity"].sum().rename(columns={"quantity": "units"})

    return Storefront(
        merchant_ids=np.sort(products["merchant_id"].unique()),
        products=products,
        orders=orders[["merchant_id", "order_id", "created_at", "fulfillment_status", "is_cancelled"]],
        sku_day_units=units,
    )


def daily_order_counts(storefront: Storefront, days: np.ndarray) -> pd.DataFrame:
    """Orders per merchant and day (zeros included), the demand that drives helpdesk volume."""
    orders = storefront.orders
    counts = orders.groupby([orders["merchant_id"], orders["created_at"].dt.floor("D")]).size()
    grid = pd.MultiIndex.from_product([storefront.merchant_ids, pd.to_datetime(days)], names=["merchant_id", "day"])
    return counts.reindex(grid, fill_value=0).rename("orders").reset_index()
