"""The Shopify-like storefront: merchants, products, customers, orders and order lines.

Demand is a Poisson process per merchant and day, shaped by weekday and month seasonality and a
growth trend; SKU popularity follows a Zipf law, so a few SKUs carry a large share of revenue.
Every array is built at once (no per-row Python loops), so `--scale 120` (about 10 million
order lines) takes minutes. A handful of deliberately bad rows of each kind are appended at the
end; staging must quarantine or flag each of them (see docs/raw_data_contract.md).
"""
from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import pandas as pd

from kpiwh.generate.common import GenContext, as_text, ids, iso, loaded_at, next_number, read_table, seasonal_factor, write_table

SYSTEM = "storefront"


@dataclass(frozen=True)
class MerchantProfile:
    merchant_id: str
    name: str
    orders_per_day: float  # at scale 1, on an average day at the start of the history
    mean_item_price: float
    sku_count: int
    monthly_growth: float
    popularity_sigma: float  # log-normal spread of SKU popularity (ranked), see _orders_for


MERCHANTS = (
    # The spec's merchant: hot rod parts are high-value, around $5K a day.
    # Catalogues are sized so that the velocity mix is near the spec's 40/40/15/5 (fast/medium/
    # slow/stagnant by units sold in 30 days) and the top five SKUs carry 30-40% of revenue.
    MerchantProfile("M01", "Hot Rod AN", 13.0, 120.0, 64, 0.012, 1.0),
    MerchantProfile("M02", "Chrome & Steel Garage", 7.0, 95.0, 44, 0.020, 0.85),
    MerchantProfile("M03", "Vintage Wheels Supply", 30.0, 55.0, 80, 0.006, 0.85),
)
WEEKDAY = [0.95, 1.0, 1.0, 1.05, 1.1, 0.9, 0.8]
# A spring car-show peak in May, then the autumn ramp into the holiday gift season.
MONTH = [0.75, 0.8, 0.95, 1.05, 1.15, 1.1, 1.0, 1.0, 1.05, 1.1, 1.2, 1.3]


def _products(rng: np.random.Generator, m: MerchantProfile, first_day: np.datetime64) -> pd.DataFrame:
    n = m.sku_count
    price = np.round(rng.lognormal(np.log(m.mean_item_price), 0.4, n), 2).clip(4.99)
    return pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "sku": ids(f"{m.merchant_id}-SKU-", np.arange(n), 5),
            "product_title": ids("Part ", np.arange(n), 5),
            "product_type": rng.choice(["engine", "exhaust", "suspension", "body", "interior", "electrical"], n),
            "unit_cost": np.round(price * rng.uniform(0.45, 0.7, n), 2),
            "unit_price": price,
            "created_at": iso(np.full(n, first_day - np.timedelta64(30, "D")).astype("datetime64[s]")),
        }
    )


def _normal_ppf(q: np.ndarray) -> np.ndarray:
    """Standard normal quantiles (Acklam's rational approximation; |error| < 1.2e-9), without scipy."""
    a = (-3.969683028665376e01, 2.209460984245205e02, -2.759285104469687e02, 1.383577518672690e02, -3.066479806614716e01, 2.506628277459239e00)
    b = (-5.447609879822406e01, 1.615858368580409e02, -1.556989798598866e02, 6.680131188771972e01, -1.328068155288572e01)
    c = (-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e00, -2.549732539343734e00, 4.374664141464968e00, 2.938163982698783e00)
    d = (7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e00, 3.754408661907416e00)
    q = np.asarray(q, dtype="float64")
    tail = np.minimum(q, 1 - q)
    t = np.sqrt(-2 * np.log(np.clip(tail, 1e-300, None)))
    x_tail = (((((c[0] * t + c[1]) * t + c[2]) * t + c[3]) * t + c[4]) * t + c[5]) / ((((d[0] * t + d[1]) * t + d[2]) * t + d[3]) * t + 1)
    x_tail = np.where(q < 0.5, x_tail, -x_tail)
    r = (q - 0.5) ** 2
    x_mid = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * (q - 0.5) / (
        ((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1
    )
    return np.where(tail < 0.02425, x_tail, x_mid)


def _orders_for(
    ctx: GenContext, rng: np.random.Generator, m: MerchantProfile, products: pd.DataFrame, history_start: date, first_order: int = 0, first_customer: int = 0
) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """The orders, lines and (new) customers of ctx's days; growth counts from history_start, ids from the given numbers."""
    days = ctx.days()
    months_in = (days - np.datetime64(history_start)).astype("int64") / 30.44
    rate = ctx.scale * m.orders_per_day * seasonal_factor(days, WEEKDAY, MONTH) * (1 + m.monthly_growth) ** months_in
    counts = rng.poisson(rate)
    n_orders = int(counts.sum())
    # Orders cluster in the afternoon and evening (UTC), not uniformly over the day.
    seconds = (rng.beta(2.5, 1.8, n_orders) * 86_399).astype("int64")
    created = np.repeat(days, counts).astype("datetime64[s]") + seconds.astype("timedelta64[s]")

    # Repeat buyers: a customer pool a third the size of the order count, drawn with a skew.
    n_customers = max(1, n_orders // 3)
    customer_idx = np.minimum((rng.pareto(1.2, n_orders) * n_customers / 8).astype("int64"), n_customers - 1)

    n_lines = rng.geometric(0.55, n_orders)
    line_order = np.repeat(np.arange(n_orders), n_lines)
    line_number = np.arange(line_order.size) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines) + 1
    # Ranked log-normal popularity: a head of fast movers, a broad middle and a thin tail.
    quantile = (np.arange(len(products)) + 0.5) / len(products)
    popularity = np.exp(m.popularity_sigma * _normal_ppf(1 - quantile))
    sku_idx = rng.choice(len(products), line_order.size, p=popularity / popularity.sum())
    quantity = 1 + rng.binomial(2, 0.15, line_order.size)
    unit_price = products["unit_price"].to_numpy()[sku_idx]
    total = np.round(np.bincount(line_order, weights=quantity * unit_price, minlength=n_orders), 2)

    age_days = (np.datetime64(ctx.end_date) - created.astype("datetime64[D]")).astype("int64")
    roll = rng.random(n_orders)
    cancelled = roll < 0.03
    refunded = (roll >= 0.03) & (roll < 0.05)
    part_refunded = (roll >= 0.05) & (roll < 0.06)
    financial = np.where(age_days < 1, "pending", "paid").astype(object)
    financial[cancelled] = "voided"
    financial[refunded] = "refunded"
    financial[part_refunded] = "partially_refunded"
    fulfil_roll = rng.random(n_orders)
    fulfillment = np.where(age_days > 4, "fulfilled", np.where(fulfil_roll < 0.5, "unfulfilled", "fulfilled")).astype(object)
    fulfillment[(age_days <= 4) & (fulfil_roll > 0.9)] = "partial"
    fulfillment[cancelled] = "unfulfilled"
    cancel_after = (rng.exponential(8, n_orders) * 3600).astype("int64").astype("timedelta64[s]")
    cancelled_at = np.where(cancelled, created + cancel_after, np.datetime64("NaT"))

    order_ids = ids(f"{m.merchant_id}-", first_order + np.arange(n_orders), 8)
    customer_ids = ids(f"{m.merchant_id}-C", first_customer + np.arange(n_customers), 7)
    orders = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "order_id": order_ids,
            "customer_id": customer_ids[customer_idx],
            "created_at": iso(created),
            "total_price": total,
            "currency": "USD",
            "financial_status": financial,
            "fulfillment_status": fulfillment,
            "cancelled_at": iso(cancelled_at),
            "_loaded_at": iso(loaded_at(np.maximum(created, np.where(cancelled, cancelled_at, created)))),
        }
    )
    lines = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "order_line_id": order_ids[line_order] + "-" + pd.Series(line_number).astype(str).to_numpy(dtype=object),
            "order_id": order_ids[line_order],
            "sku": products["sku"].to_numpy()[sku_idx],
            "quantity": quantity,
            "unit_price": unit_price,
            "_loaded_at": orders["_loaded_at"].to_numpy()[line_order],
        }
    )
    first_orders = pd.Series(created).groupby(customer_idx).min()
    signup_lead = (rng.exponential(20, first_orders.size) * 86_400).astype("int64").astype("timedelta64[s]")
    customer_created = first_orders.to_numpy().astype("datetime64[s]") - signup_lead
    customers = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "customer_id": customer_ids[first_orders.index.to_numpy()],
            "country_code": rng.choice(["US", "US", "US", "CA", "GB", "AU", "DE"], first_orders.size),
            "accepts_marketing": rng.random(first_orders.size) < 0.4,
            "created_at": iso(customer_created),
        }
    )
    return orders, lines, customers


def _extract_at(end_date: date, hours: int = 26) -> str:
    """A nightly snapshot's load time: 02:00 UTC the night after the end date (or `hours` from its start)."""
    return str(iso(np.array([np.datetime64(end_date) + np.timedelta64(hours, "h")], dtype="datetime64[s]"))[0])


def _with_defects(tables: dict[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Append the deliberately bad rows the staging layer must catch (documented in the contract)."""
    orders, lines, customers = tables["orders"], tables["order_lines"], tables["customers"]
    pick = orders.iloc[rng.choice(len(orders) - 50, 6, replace=False)]
    bad_orders = pd.concat(
        [
            pick.iloc[:2],  # exact duplicates of real orders: deduplicated, the copy quarantined
            pick.iloc[2:3].assign(order_id=pd.NA),  # null key
            pick.iloc[3:4].assign(order_id="BAD-UNKNOWN-CUST", customer_id="C9999999"),  # unknown customer
            pick.iloc[4:5].assign(order_id="BAD-DATE", created_at="2026-02-30 10:00:00"),  # unparseable date
            pick.iloc[5:6].assign(order_id="BAD-STATUS", financial_status="paid_maybe"),  # invalid enum
        ]
    )
    line_pick = lines.iloc[rng.choice(len(lines) - 50, 4, replace=False)]
    bad_lines = pd.concat(
        [
            line_pick.iloc[:1],  # exact duplicate
            line_pick.iloc[1:2].assign(order_line_id=line_pick.iloc[1]["order_line_id"] + "-neg", quantity=-2),
            line_pick.iloc[2:3].assign(order_line_id=line_pick.iloc[2]["order_line_id"] + "-nosku", sku=pd.NA),
            line_pick.iloc[3:4].assign(order_line_id="ORPHAN-LINE-1", order_id="99999999"),  # unknown order
        ]
    )
    bad_customers = pd.concat([customers.iloc[:1], customers.iloc[1:2].assign(customer_id=pd.NA)])
    return {
        **tables,
        "orders": pd.concat([orders, bad_orders], ignore_index=True),
        "order_lines": pd.concat([lines, bad_lines], ignore_index=True),
        "customers": pd.concat([customers, bad_customers], ignore_index=True),
    }


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    first_day = np.datetime64(ctx.start_date)
    parts: dict[str, list[pd.DataFrame]] = {"products": [], "customers": [], "orders": [], "order_lines": []}
    for m in MERCHANTS:  # a handful of merchants; every per-row step inside is vectorised
        products = _products(rng, m, first_day)
        orders, lines, customers = _orders_for(ctx, rng, m, products, ctx.start_date)
        for name, frame in (("products", products), ("customers", customers), ("orders", orders), ("order_lines", lines)):
            parts[name].append(frame)
    tables = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    # Dimension tables are full nightly snapshots, stamped with the extract time; the product
    # extract is the deliberately stale one (its job "stopped" three days before the end date).
    extract_at = _extract_at(ctx.end_date)
    tables["customers"]["_loaded_at"] = extract_at
    tables["products"]["_loaded_at"] = _extract_at(ctx.end_date, hours=-46)
    tables["merchants"] = pd.DataFrame(
        {
            "merchant_id": [m.merchant_id for m in MERCHANTS],
            "merchant_name": [m.name for m in MERCHANTS],
            "currency": "USD",
            "timezone": ["America/Los_Angeles", "America/Chicago", "America/New_York"],
            "created_at": iso(np.full(len(MERCHANTS), first_day - np.timedelta64(60, "D")).astype("datetime64[s]")),
            "_loaded_at": extract_at,
        }
    )
    tables = _with_defects(tables, rng)
    for name, frame in tables.items():
        write_table(ctx, SYSTEM, name, frame)
    return {name: len(frame) for name, frame in tables.items()}


def order_days(ctx: GenContext) -> tuple[date, date]:
    """The first and last day of an existing storefront data set: the days of its first and latest order."""
    created = pd.to_datetime(read_table(ctx, SYSTEM, "orders")["created_at"], errors="coerce")
    return created.min().date(), created.max().date()


def next_day(ctx: GenContext, history_start: date) -> dict[str, int]:
    """Append the day after the existing data (ctx's one day) as the next nightly extract has it.

    New orders, their lines and new customers, from a random stream of their own day (so a week
    of nights is the same on every machine); 60% of the day's orders come from customers who
    bought before. Earlier orders change after the fact, as a real export has them: yesterday's
    pending payments are paid, and orders older than four days are fulfilled; each changed row
    carries the new extract time. The snapshots (customers, products, merchants) are re-extracted,
    the product extract included: its deliberately stale job runs again.
    """
    day = ctx.end_date
    rng = ctx.day_rng(SYSTEM)
    existing = {name: read_table(ctx, SYSTEM, name) for name in ("products", "customers", "orders", "order_lines", "merchants")}
    orders = existing["orders"]
    created = pd.to_datetime(orders["created_at"], errors="coerce")
    # The night's extract: changed rows and the re-extracted snapshots carry its time.
    extract_of_day = _extract_at(day)
    paid = orders["financial_status"].eq("pending") & (created < pd.Timestamp(day))
    fulfilled = (
        orders["fulfillment_status"].isin(["unfulfilled", "partial"])
        & orders["financial_status"].ne("voided")
        & (created < pd.Timestamp(day - timedelta(days=4)))
    )
    orders = orders.assign(
        financial_status=orders["financial_status"].mask(paid, "paid"),
        fulfillment_status=orders["fulfillment_status"].mask(fulfilled, "fulfilled"),
        _loaded_at=orders["_loaded_at"].mask(paid | fulfilled, extract_of_day),
    )
    parts: dict[str, list[pd.DataFrame]] = {"customers": [existing["customers"]], "orders": [orders], "order_lines": [existing["order_lines"]]}
    for m in MERCHANTS:
        products = existing["products"][existing["products"]["merchant_id"] == m.merchant_id].reset_index(drop=True)
        products["unit_price"] = products["unit_price"].astype(float)
        new_orders, new_lines, new_customers = _orders_for(
            replace(ctx, start_date=day), rng, m, products, history_start,
            first_order=next_number(orders["order_id"], f"{m.merchant_id}-"),
            first_customer=next_number(existing["customers"]["customer_id"], f"{m.merchant_id}-C"),
        )
        known = existing["customers"].loc[existing["customers"]["merchant_id"] == m.merchant_id, "customer_id"].dropna().unique()
        returning = rng.random(len(new_orders)) < 0.6
        new_orders.loc[returning, "customer_id"] = rng.choice(known, int(returning.sum()))
        parts["orders"].append(as_text(new_orders))
        parts["order_lines"].append(as_text(new_lines))
        parts["customers"].append(as_text(new_customers[new_customers["customer_id"].isin(new_orders["customer_id"])]))
    tables = {name: pd.concat(frames, ignore_index=True) for name, frames in parts.items()}
    tables["customers"]["_loaded_at"] = extract_of_day
    tables["products"] = existing["products"].assign(_loaded_at=extract_of_day)
    tables["merchants"] = existing["merchants"].assign(_loaded_at=extract_of_day)
    for name, frame in tables.items():
        write_table(ctx, SYSTEM, name, frame)
    return {name: len(frame) - len(existing[name]) for name, frame in tables.items()}

