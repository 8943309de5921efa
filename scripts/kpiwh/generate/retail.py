"""The multi-merchant retail operation of spec 001: stores and POS receipts, purchasing, receiving,
accounts payable, vendor compliance and inventory records.

Twelve merchants in two peer groups (hardlines and softlines, by their category mix, see
merchant_profile) each have their own profile (category mix, markdown habit, shrink, approval
speed, ...) and their vendors a quality tier, so the KPIs differ realistically: good vendors are
good, not perfect (92-99% on their monthly rates), one vendor goes bad mid-quarter (R01's V06,
45 days before the end: short shipments, late, wrong ASNs, EDI errors), one was bad until a
corrective plan five months before the end (R03's V04), one vendor is new and has shipped nothing
yet, and one merchant barely enforces chargebacks (R02; docs/default_data.md). Everything is
drawn at once per merchant with numpy (no per-row loops) and set aside on disk before the next
merchant, so memory holds one merchant at a time. POS receipts carry a per-register sequence
number; the broken records appended at the end include missing and out-of-order sequence
numbers (see docs/raw_data_contract.md).
"""
from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from kpiwh.generate.common import GenContext, ids, iso, loaded_at, seasonal_factor

SYSTEM = "retail"

# Category: (mean unit retail $, initial markup as a share of retail, share of seasonal SKUs).
CATEGORIES = {
    "consumables": (6.0, 0.33, 0.05),  # grocer margins: R01 has its own 25-40% band (kpi_threshold_overrides)
    "apparel": (38.0, 0.52, 0.5),
    "home": (45.0, 0.50, 0.2),
    "beauty": (22.0, 0.52, 0.1),
    "electronics": (120.0, 0.47, 0.05),
}
# Merchant profile (peer group): the category family carrying most of the merchant's SKUs. The
# merchants table has no profile column (its contract, models/staging/retail/_retail__sources.yml,
# would need one); the profile is derived from products.category (docs/default_data.md).
CATEGORY_FAMILY = {"consumables": "hardlines", "home": "hardlines", "electronics": "hardlines",
                   "apparel": "softlines", "beauty": "softlines"}
WEEKDAY = [0.85, 0.85, 0.9, 0.95, 1.1, 1.35, 1.0]  # weekends are busiest in stores
MONTH = [0.8, 0.8, 0.9, 0.95, 1.0, 1.0, 0.95, 1.0, 0.95, 1.0, 1.2, 1.45]  # holiday peak
MEAN_LINES, MEAN_UNITS, RETURN_SHARE = 2.0, 1.4, 0.03


@dataclass(frozen=True)
class VendorTier:
    fill: float  # share of units shipped on a line that is short
    short_line: float  # probability a PO line ships short
    asn_sent: float
    asn_error: float  # probability a received line differs from its ASN line
    late: float
    reject: float  # per-unit quality rejection probability
    po_exact: float
    first_pass: float
    edi_ok: float


# A good vendor is good, not perfect: about half a late delivery, half an adjusted invoice and half
# an EDI slip in a month (so a month is sometimes one slip short of 100%), and a tenth of its PO
# lines a little short (a quarter of the line's units missing), so its fill is 96.8-98.5% (mean
# about 97.6%) and hardly ever exactly 100% in a month: receiving discrepancy is measured against
# the ASN, so an announced short line is fill rate's alone. Each good vendor's failure
# probabilities are scaled by its own factor (GOOD_SPREAD), so vendors differ.
GOOD = VendorTier(0.75, 0.10, 0.997, 0.002, 0.02, 0.00003, 0.977, 0.975, 0.9977)
BAD = VendorTier(0.75, 0.45, 0.8, 0.15, 0.35, 0.002, 0.78, 0.7, 0.9)
GOOD_SPREAD = (0.6, 1.3)
# Fields that are the probability of a good outcome (the rest are of a bad one, or a fill share).
SUCCESS_FIELDS = ("asn_sent", "po_exact", "first_pass", "edi_ok")
EARLY = 0.005  # share of on-time-bound deliveries that arrive two days early (not on time), any vendor
SHORT_CHARGE = 0.15  # a short-shipment chargeback: this share of the missing units' cost (handling, lost margin)
SEASONAL_BUY = 0.7  # a seasonal line's units against a basic's of the same demand (calibrated: most seasons end 85-100% sold)
TEXT_CHUNK_ROWS = 500_000  # rows turned into text at a time: a table's text copy is never whole in memory
BREAK_BEFORE = "2026-10-01"  # receipts whose sequence numbers get broken are older than this (newer days may still be open)
POS_PER_VENDOR_WEEK = 8.0  # about 35 deliveries a vendor-month at scale 1 and below; above it grows with the fourth root of the scale (mostly bigger POs)


@dataclass(frozen=True)
class MerchantProfile:
    merchant_id: str
    name: str
    store_open_days: tuple[int, ...]  # opening day of each store, relative to the history start
    receipts_per_store_day: float  # at scale 1
    yearly_growth: float  # same-store sales trend, so comp-store sales differ by merchant
    categories: dict[str, float]
    sku_count: int
    vendor_count: int
    bad_vendors: tuple[int, ...]
    bad_window: tuple[int, int]  # the bad vendors are bad on POs ordered from..to days before the end date
    idle_vendor: int | None  # onboarded, no SKUs or orders yet: its KPIs are NO_DATA
    markdown_share: float  # share of lines sold at a markdown
    weeks_of_supply: float
    in_stock: float
    count_accuracy: float
    shrink_events_per_store_week: float
    approval_days: float
    discount_capture: float
    chargeback_enforcement: float
    coop_utilization: float
    forecast_error: float


NEVER = (10**6, 10**6)  # no bad period
MERCHANTS: tuple[MerchantProfile, ...] = (
    # Hardlines. R01's V06 goes bad mid-quarter (45 days before the end): the scripted bad vendor.
    MerchantProfile("R01", "Northwind Grocers", (-400, -300, 520), 20, 0.03, {"consumables": 0.75, "home": 0.25}, 40, 6, (5,), (45, -1), None,
                    0.04, 5.5, 0.975, 0.97, 2.0, 3.0, 0.98, 1.0, 0.995, 0.05),
    # R03's V04 was bad until it was put on a corrective plan five months before the end.
    MerchantProfile("R03", "Hearth & Home", (-600, -100), 8, 0.06, {"home": 0.7, "electronics": 0.3}, 35, 5, (3,), (10**6, 150), None,
                    0.08, 6.5, 0.97, 0.965, 0.4, 3.5, 0.97, 1.0, 0.995, 0.05),
    MerchantProfile("R05", "Maple Hardware", (-700, -200), 9, 0.04, {"home": 0.6, "consumables": 0.4}, 36, 5, (), NEVER, None,
                    0.05, 6.0, 0.975, 0.97, 0.8, 3.0, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R06", "Circuit Outlet", (-650, -300), 9, 0.03, {"electronics": 0.7, "home": 0.3}, 30, 5, (), NEVER, None,
                    0.06, 6.0, 0.97, 0.97, 0.6, 3.0, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R07", "Pantry Plus", (-720, -360), 12, 0.05, {"consumables": 0.6, "beauty": 0.4}, 36, 5, (), NEVER, None,
                    0.04, 5.0, 0.975, 0.97, 1.5, 2.5, 0.985, 1.0, 0.995, 0.05),
    # Softlines. R02 barely enforces chargebacks (the under-enforcing merchant); its V06 is onboarded, idle.
    MerchantProfile("R02", "Urban Threads", (-500, -200, 300), 12, 0.04, {"apparel": 0.8, "beauty": 0.2}, 45, 6, (), NEVER, 5,
                    0.12, 6.5, 0.97, 0.965, 0.5, 3.5, 0.97, 0.05, 0.995, 0.05),
    MerchantProfile("R04", "Brightside Beauty", (-450, -350, 800), 10, 0.05, {"beauty": 0.7, "electronics": 0.3}, 40, 5, (), NEVER, None,
                    0.06, 6.0, 0.97, 0.97, 1.2, 3.0, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R08", "Thread & Needle", (-600, -250), 8, 0.05, {"apparel": 0.75, "home": 0.25}, 36, 5, (), NEVER, None,
                    0.1, 6.5, 0.97, 0.97, 0.6, 3.0, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R09", "Glow Cosmetics", (-680, -300), 9, 0.06, {"beauty": 0.7, "consumables": 0.3}, 32, 5, (), NEVER, None,
                    0.06, 5.5, 0.975, 0.97, 1.0, 3.0, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R10", "Denim District", (-560, -400), 9, 0.05, {"apparel": 0.75, "beauty": 0.25}, 32, 5, (), NEVER, None,
                    0.1, 6.5, 0.97, 0.97, 0.6, 3.5, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R11", "Petal Boutique", (-700, -150), 8, 0.04, {"apparel": 0.6, "beauty": 0.4}, 30, 5, (), NEVER, None,
                    0.09, 6.0, 0.97, 0.97, 0.7, 3.0, 0.98, 1.0, 0.995, 0.05),
    MerchantProfile("R12", "Summit Outfitters", (-640, -320), 8, 0.03, {"apparel": 0.7, "electronics": 0.3}, 34, 5, (), NEVER, None,
                    0.08, 6.0, 0.97, 0.97, 0.8, 3.0, 0.98, 1.0, 0.995, 0.05),
)

MERCHANTS = tuple(sorted(MERCHANTS, key=lambda m: m.merchant_id))  # files list merchants in id order


def merchant_profile(m: MerchantProfile) -> str:
    """The merchant's peer group: the category family with the largest share of its category mix."""
    shares: dict[str, float] = {}
    for category, share in m.categories.items():
        shares[CATEGORY_FAMILY[category]] = shares.get(CATEGORY_FAMILY[category], 0.0) + share
    return max(shares, key=lambda family: shares[family])


def _products(rng: np.random.Generator, m: MerchantProfile) -> pd.DataFrame:
    n = m.sku_count
    category = rng.choice(list(m.categories), n, p=np.array(list(m.categories.values())))
    price_mean = np.array([CATEGORIES[c][0] for c in category])
    imu = np.array([CATEGORIES[c][1] for c in category]) + rng.normal(0, 0.04, n)
    retail = np.round(rng.lognormal(np.log(price_mean), 0.4), 2).clip(0.99)
    active_vendors = np.array([v for v in range(m.vendor_count) if v != m.idle_vendor])
    vendor = active_vendors[np.arange(n) % active_vendors.size]
    return pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "sku": ids(f"{m.merchant_id}-SKU-", np.arange(n), 4),
            "vendor_id": ids("V", vendor + 1, 2),
            "product_name": ids("Item ", np.arange(n), 4),
            "category": category,
            "unit_cost": np.round(retail * (1 - imu.clip(0.1, 0.8)), 2),
            "unit_retail": retail,
            "is_seasonal": rng.random(n) < np.array([CATEGORIES[c][2] for c in category]),
        }
    )


def _pos(ctx: GenContext, rng: np.random.Generator, m: MerchantProfile, products: pd.DataFrame, popularity: np.ndarray) -> tuple[pd.DataFrame, ...]:
    days = ctx.days()
    stores = np.arange(len(m.store_open_days))
    open_day = np.datetime64(ctx.start_date) + np.array(m.store_open_days).astype("timedelta64[D]")
    years_in = (days - np.datetime64(ctx.start_date)).astype("int64") / 365.0
    rate = ctx.scale * m.receipts_per_store_day * seasonal_factor(days, WEEKDAY, MONTH) * (1 + m.yearly_growth) ** years_in
    is_open = days[None, :] >= open_day[:, None]
    counts = rng.poisson(rate[None, :] * is_open)
    store_idx = np.repeat(np.repeat(stores, days.size), counts.ravel())
    day = np.repeat(np.tile(days, stores.size), counts.ravel())
    n = store_idx.size
    # Stores trade 09:00-21:00 UTC, busiest late afternoon, so a receipt never crosses midnight.
    seconds = (9 * 3600 + rng.beta(2.2, 1.8, n) * 12 * 3600).astype("int64")
    receipt_at = day.astype("datetime64[s]") + seconds.astype("timedelta64[s]")
    register = rng.integers(1, 4, n)
    order = np.lexsort((receipt_at, register, store_idx))
    store_idx, receipt_at, register = store_idx[order], receipt_at[order], register[order]
    sequence = pd.Series(np.ones(n, dtype="int64")).groupby([store_idx, register]).cumsum().to_numpy()
    receipt_ids = ids(f"{m.merchant_id}-RC", np.arange(n), 8)
    receipts = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "receipt_id": receipt_ids,
            "store_id": ids("S", store_idx + 1, 2),
            "register_id": ids("REG", register, 1),
            "sequence_number": sequence,
            "receipt_at": iso(receipt_at),
            "receipt_type": np.where(rng.random(n) < RETURN_SHARE, "return", "sale"),
            "_loaded_at": iso(loaded_at(receipt_at)),
        }
    )
    n_lines = rng.geometric(1 / MEAN_LINES, n)
    line_receipt = np.repeat(np.arange(n), n_lines)
    line_number = np.arange(line_receipt.size) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines) + 1
    sku_idx = rng.choice(len(products), line_receipt.size, p=popularity)
    units = 1 + rng.binomial(2, (MEAN_UNITS - 1) / 2, line_receipt.size)
    retail = np.round(units * products["unit_retail"].to_numpy()[sku_idx], 2)
    # Seasonal items are marked down far more often, most of all in the January and July clearances.
    month = receipt_at[line_receipt].astype("datetime64[M]").astype("int64") % 12
    clearance = np.where(np.isin(month, [0, 6]), 2.0, 1.0)
    md_prob = (m.markdown_share * np.where(products["is_seasonal"].to_numpy()[sku_idx], 2.0, 0.8) * clearance).clip(0, 0.9)
    is_sale_line = (receipts["receipt_type"].to_numpy() == "sale")[line_receipt]  # a return refunds what was paid
    markdown = np.where(is_sale_line & (rng.random(line_receipt.size) < md_prob), np.round(retail * rng.uniform(0.2, 0.5, line_receipt.size), 2), 0.0)
    lines = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "receipt_id": receipt_ids[line_receipt],
            "line_number": line_number,
            "sku": products["sku"].to_numpy()[sku_idx],
            "units": units,
            "retail_amount": retail,
            "markdown_amount": markdown,
            "_loaded_at": receipts["_loaded_at"].to_numpy()[line_receipt],
        }
    )
    # Sales audit closes two days after trading; a few store-days fail audit.
    store_day = pd.DataFrame({"store": np.repeat(stores, days.size), "day": np.tile(days, stores.size), "open": is_open.ravel()})
    store_day = store_day[store_day["open"]]
    age = (np.datetime64(ctx.end_date) - store_day["day"].to_numpy()).astype("int64")
    status = np.where(age < 2, "open", np.where(rng.random(len(store_day)) < 0.002, "exception", "audited"))
    audited_at = store_day["day"].to_numpy().astype("datetime64[s]") + np.timedelta64(2 * 86400 + 6 * 3600, "s")
    audits = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "store_id": ids("S", store_day["store"].to_numpy() + 1, 2),
            "business_date": store_day["day"].astype(str).to_numpy(),
            "audit_status": status,
            "audited_at": iso(np.where(status == "open", np.datetime64("NaT"), audited_at)),
            "_loaded_at": iso(loaded_at(np.where(status == "open", store_day["day"].to_numpy().astype("datetime64[s]"), audited_at))),
        }
    )
    stores_frame = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "store_id": ids("S", stores + 1, 2),
            "store_name": [f"{m.name} #{s + 1}" for s in stores],
            "opened_date": open_day.astype(str),
            "closed_date": pd.Series([None] * stores.size, dtype="string"),
        }
    )
    return stores_frame, receipts, lines, audits


def _weekly_grid(ctx: GenContext, stores: pd.DataFrame) -> pd.DataFrame:
    """Every (store, Monday) on which the store was open."""
    days = ctx.days()
    mondays = days[((days.astype("int64") + 3) % 7) == 0]
    grid = pd.DataFrame({"store_id": np.repeat(stores["store_id"].to_numpy(), mondays.size), "monday": np.tile(mondays, len(stores))})
    opened = grid["store_id"].map(dict(zip(stores["store_id"], stores["opened_date"], strict=True))).to_numpy().astype("datetime64[D]")
    return grid[mondays_of(grid) >= opened].reset_index(drop=True)


def mondays_of(frame: pd.DataFrame) -> np.ndarray:
    return frame["monday"].to_numpy().astype("datetime64[D]")


def _until(frame: pd.DataFrame, at: np.ndarray, end: np.datetime64) -> pd.DataFrame:
    """The rows whose event day `at` is on or before the last day of history."""
    return frame[at.astype("datetime64[D]") <= end].reset_index(drop=True)


def _inventory(ctx: GenContext, rng: np.random.Generator, m: MerchantProfile, products: pd.DataFrame, stores: pd.DataFrame,
               weekly_units: np.ndarray) -> tuple[pd.DataFrame, ...]:
    grid = _weekly_grid(ctx, stores)
    n_sku = len(products)
    g = grid.loc[grid.index.repeat(n_sku)].reset_index(drop=True)
    sku_idx = np.tile(np.arange(n_sku), len(grid))
    monday = mondays_of(g)
    expected = weekly_units[sku_idx] * seasonal_factor(monday, [1] * 7, MONTH)
    on_hand = rng.poisson(expected * m.weeks_of_supply * rng.lognormal(0, 0.35, len(g)))
    snapshots = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "store_id": g["store_id"].to_numpy(),
            "sku": products["sku"].to_numpy()[sku_idx],
            "snapshot_date": monday.astype(str),
            "on_hand_units": on_hand,
            "_loaded_at": iso(loaded_at(monday.astype("datetime64[s]"), 3)),
        }
    )
    # Cycle counts every fourth week on a quarter of the SKUs; most match the book.
    counted = snapshots[(np.arange(len(snapshots)) // n_sku % 4 == 0) & (rng.random(len(snapshots)) < 0.25)].reset_index(drop=True)
    count_day = counted["snapshot_date"].astype("datetime64[s]").to_numpy() + np.timedelta64(2, "D")
    error = np.where(rng.random(len(counted)) < m.count_accuracy, 0, rng.choice([-6, -4, -3, -2, 2, 3, 5], len(counted)))
    counts = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "count_id": ids(f"{m.merchant_id}-CNT", np.arange(len(counted)), 7),
            "store_id": counted["store_id"],
            "sku": counted["sku"],
            "counted_date": count_day.astype("datetime64[D]").astype(str),
            "book_units": counted["on_hand_units"],
            "counted_units": (counted["on_hand_units"].to_numpy() + error).clip(0),
            "_loaded_at": iso(loaded_at(count_day)),
        }
    )
    # Shelf audits: a dozen item visits per store and week; an empty shelf often has stock on the book.
    visits = grid.loc[grid.index.repeat(12)].reset_index(drop=True)
    v_sku = rng.integers(0, n_sku, len(visits))
    audited_at = mondays_of(visits).astype("datetime64[s]") + (rng.integers(0, 7, len(visits)) * 86400 + 36000).astype("timedelta64[s]")
    on_shelf = rng.random(len(visits)) < m.in_stock
    book = np.where(on_shelf | (rng.random(len(visits)) < 0.4), rng.poisson(weekly_units[v_sku] * m.weeks_of_supply) + on_shelf, 0)
    shelf = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "shelf_audit_id": ids(f"{m.merchant_id}-SHA", np.arange(len(visits)), 7),
            "store_id": visits["store_id"],
            "sku": products["sku"].to_numpy()[v_sku],
            "audited_at": iso(audited_at),
            "is_on_shelf": on_shelf,
            "book_units": book,
            "_loaded_at": iso(loaded_at(audited_at)),
        }
    )
    # Shrink: a few adjustments per store and week, valued at retail they cost about 1-3% of sales.
    n_adj = rng.poisson(m.shrink_events_per_store_week * ctx.scale, len(grid))
    adj = grid.loc[grid.index.repeat(n_adj)].reset_index(drop=True)
    reason = rng.choice(["theft", "damage", "admin_error", "found", "vendor_return"], len(adj), p=[0.4, 0.2, 0.15, 0.1, 0.15])
    size = rng.geometric(0.35, len(adj))
    adjusted_at = mondays_of(adj).astype("datetime64[s]") + (rng.integers(0, 7, len(adj)) * 86400 + 50000).astype("timedelta64[s]")
    adjustments = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "adjustment_id": ids(f"{m.merchant_id}-ADJ", np.arange(len(adj)), 7),
            "store_id": adj["store_id"],
            "sku": products["sku"].to_numpy()[rng.integers(0, n_sku, len(adj))],
            "adjusted_at": iso(adjusted_at),
            "adjustment_units": np.where(reason == "found", size, -size),
            "reason": reason,
            "_loaded_at": iso(loaded_at(adjusted_at)),
        }
    )
    end = np.datetime64(ctx.end_date)
    return snapshots, _until(counts, count_day, end), _until(shelf, audited_at, end), _until(adjustments, adjusted_at, end)


def _demand_scale(ctx: GenContext, m: MerchantProfile, days: np.ndarray) -> np.ndarray:
    """Stores open times the growth trend on each day: what merchant-wide demand is multiplied by."""
    open_day = np.datetime64(ctx.start_date) + np.array(m.store_open_days).astype("timedelta64[D]")
    years_in = (days - np.datetime64(ctx.start_date)).astype("int64") / 365.0
    return (open_day[:, None] <= days[None, :]).sum(axis=0) * (1 + m.yearly_growth) ** years_in


def _forecasts(ctx: GenContext, rng: np.random.Generator, m: MerchantProfile, products: pd.DataFrame, weekly_units: np.ndarray) -> pd.DataFrame:
    days = ctx.days()
    mondays = days[((days.astype("int64") + 3) % 7) == 0]
    n_sku = len(products)
    week = np.repeat(mondays, n_sku)
    sku_idx = np.tile(np.arange(n_sku), mondays.size)
    error = np.where(products["is_seasonal"].to_numpy()[sku_idx], 2.5, 1.0) * m.forecast_error
    expected = weekly_units[sku_idx] * _demand_scale(ctx, m, week) * seasonal_factor(week, [1] * 7, MONTH)
    forecast = expected * rng.lognormal(0, error)
    return pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "sku": products["sku"].to_numpy()[sku_idx],
            "week_start_date": week.astype(str),
            "forecast_units": np.round(forecast, 1),
            "_loaded_at": iso(loaded_at(week.astype("datetime64[s]") - np.timedelta64(7, "D"))),
        }
    )


def _purchasing(ctx: GenContext, rng: np.random.Generator, m: MerchantProfile, products: pd.DataFrame, weekly_units: np.ndarray) -> dict[str, pd.DataFrame]:
    """POs, ASNs, warehouse receipts, invoices, chargebacks, EDI documents and co-op funds."""
    end = np.datetime64(ctx.end_date)
    days = ctx.days()
    mondays = days[((days.astype("int64") + 3) % 7) == 0]
    vendor_of_sku = products["vendor_id"].to_numpy()
    active = np.unique(vendor_of_sku)
    is_bad_vendor = np.array([int(v[1:]) - 1 in m.bad_vendors for v in active])
    good_factor = rng.uniform(*GOOD_SPREAD, active.size)  # each good vendor's own failure level

    def tier(field: str, vendor_idx: np.ndarray, bad: np.ndarray) -> np.ndarray:
        """The tier parameter of each row: BAD where the row's PO is in its vendor's bad period, else the vendor's GOOD."""
        good = getattr(GOOD, field)
        if field in SUCCESS_FIELDS:
            own = 1 - (1 - good) * good_factor[vendor_idx]
        elif field == "fill":
            own = np.full(vendor_idx.size, good)
        else:
            own = good * good_factor[vendor_idx]
        return np.where(bad, getattr(BAD, field), own)

    # About five POs per vendor and week, issued on random weekdays.
    pos_per_week = POS_PER_VENDOR_WEEK * max(1.0, ctx.scale) ** 0.25
    n_po = rng.poisson(pos_per_week, (active.size, mondays.size))
    po_v = np.repeat(np.repeat(np.arange(active.size), mondays.size), n_po.ravel())
    ordered_at = np.repeat(np.tile(mondays, active.size), n_po.ravel()).astype("datetime64[s]") + (
        rng.integers(0, 5, po_v.size) * 86400 + rng.integers(28800, 61200, po_v.size)
    ).astype("timedelta64[s]")
    keep = ordered_at.astype("datetime64[D]") <= end
    po_v, ordered_at = po_v[keep], ordered_at[keep]
    po_vendor = active[po_v]
    n = po_v.size
    days_before_end = (end - ordered_at.astype("datetime64[D]")).astype("int64")
    po_bad = is_bad_vendor[po_v] & (days_before_end <= m.bad_window[0]) & (days_before_end > m.bad_window[1])
    po_ids = ids(f"{m.merchant_id}-PO", np.arange(n), 6)
    window_start = ordered_at.astype("datetime64[D]") + rng.integers(5, 10, n).astype("timedelta64[D]")
    pos = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "po_id": po_ids,
            "vendor_id": po_vendor,
            "ordered_at": iso(ordered_at),
            "window_start_date": window_start.astype(str),
            "window_end_date": (window_start + np.timedelta64(3, "D")).astype(str),
            "_loaded_at": iso(loaded_at(ordered_at)),
        }
    )
    # PO lines: a few distinct SKUs of the vendor, each ordered about every n_vendor_skus / n_lines
    # weeks, so a line carries that many weeks of demand (plus a little safety stock).
    # vendor_skus[v, k]: the k-th SKU of vendor v (a padded table, so lines pick SKUs without a loop).
    vendor_idx_of_sku = np.searchsorted(active, vendor_of_sku)
    sku_order = np.argsort(vendor_idx_of_sku, kind="stable")
    skus_per_vendor = np.bincount(vendor_idx_of_sku, minlength=active.size)
    rank_in_vendor = np.arange(sku_order.size) - np.repeat(np.cumsum(skus_per_vendor) - skus_per_vendor, skus_per_vendor)
    vendor_skus = np.zeros((active.size, skus_per_vendor.max()), dtype="int64")
    vendor_skus[vendor_idx_of_sku[sku_order], rank_in_vendor] = sku_order
    n_vendor_skus = skus_per_vendor[po_v]
    n_lines = np.minimum(1 + rng.poisson(1.5, n), n_vendor_skus)
    line_po = np.repeat(np.arange(n), n_lines)
    line_number = np.arange(line_po.size) - np.repeat(np.cumsum(n_lines) - n_lines, n_lines) + 1
    offset = rng.integers(0, 1000, n)
    position = (offset[line_po] + line_number - 1) % n_vendor_skus[line_po]
    sku_idx = vendor_skus[po_v[line_po], position]
    weeks_covered = n_vendor_skus[line_po] / n_lines[line_po] / pos_per_week
    demand = weekly_units[sku_idx] * _demand_scale(ctx, m, ordered_at[line_po].astype("datetime64[D]"))
    units_ordered = np.maximum(1, np.round(demand * weeks_covered * 1.1 * rng.lognormal(0, 0.3, line_po.size))).astype("int64")
    unit_cost = products["unit_cost"].to_numpy()[sku_idx]
    # A vendor's minimum order: a PO worth less than 80% of the vendor's mean PO is topped up to it,
    # then all the vendor's POs shrink by one factor so that its total order (the demand it covers)
    # is unchanged, keeping every PO at 48% of the vendor's mean at least. So no period's purchases
    # are a token amount beside the chargebacks of earlier deliveries.
    raw_value = np.bincount(line_po, weights=units_ordered * unit_cost, minlength=n)
    vendor_total = np.bincount(po_v, weights=raw_value, minlength=active.size)
    vendor_mean = vendor_total / np.maximum(np.bincount(po_v, minlength=active.size), 1)
    top_up = np.maximum(1.0, 0.8 * vendor_mean[po_v] / np.maximum(raw_value, 0.01))
    shrink = vendor_total / np.maximum(np.bincount(po_v, weights=raw_value * top_up, minlength=active.size), 0.01)
    top_up = np.maximum(top_up * shrink[po_v], 0.48 * vendor_mean[po_v] / np.maximum(raw_value, 0.01))
    # Seasonal SKUs are bought to a season's plan, not replenished like basics: a buyer plans the
    # season to sell through (spec 001: 85%+ at season end), so their lines carry less than the flow.
    seasonal_buy = np.where(products["is_seasonal"].to_numpy()[sku_idx], SEASONAL_BUY, 1.0)
    units_ordered = np.maximum(1, np.round(units_ordered * top_up[line_po] * seasonal_buy)).astype("int64")
    po_lines = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "po_id": po_ids[line_po],
            "line_number": line_number,
            "sku": products["sku"].to_numpy()[sku_idx],
            "units_ordered": units_ordered,
            "unit_cost": unit_cost,
            "_loaded_at": pos["_loaded_at"].to_numpy()[line_po],
        }
    )

    # Shipping: lines short-ship with the vendor's probability; receipt delay vs the window.
    short = rng.random(line_po.size) < tier("short_line", po_v[line_po], po_bad[line_po])
    shipped = np.where(short, rng.binomial(units_ordered, tier("fill", po_v[line_po], po_bad[line_po])), units_ordered)
    late = rng.random(n) < tier("late", po_v, po_bad)
    delay = np.where(late, rng.integers(4, 10, n), rng.integers(0, 4, n))
    early = (~late) & (rng.random(n) < EARLY)
    delay = np.where(early, -2, delay)
    received_at = (window_start + delay.astype("timedelta64[D]")).astype("datetime64[s]") + rng.integers(25200, 57600, n).astype("timedelta64[s]")
    is_received = received_at.astype("datetime64[D]") <= end
    shipped_at = received_at - rng.integers(1, 4, n).astype("timedelta64[D]")
    has_asn = is_received & (rng.random(n) < tier("asn_sent", po_v, po_bad))
    asn_ids = ids(f"{m.merchant_id}-ASN", np.arange(n), 6)
    asns = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "asn_id": asn_ids,
            "po_id": po_ids,
            "shipped_at": iso(shipped_at),
            "_loaded_at": iso(loaded_at(shipped_at)),
        }
    )[has_asn]
    line_has_asn = has_asn[line_po]
    asn_lines = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "asn_id": asn_ids[line_po],
            "line_number": line_number,
            "sku": po_lines["sku"].to_numpy(),
            "units_shipped": shipped,
            "_loaded_at": iso(loaded_at(shipped_at[line_po])),
        }
    )[line_has_asn]
    asn_error = rng.random(line_po.size) < tier("asn_error", po_v[line_po], po_bad[line_po])
    received = np.where(asn_error, np.maximum(0, shipped + rng.choice([-3, -2, -1, 1, 2], line_po.size)), shipped)
    rejected = rng.binomial(received, tier("reject", po_v[line_po], po_bad[line_po]))
    wr_ids = ids(f"{m.merchant_id}-WR", np.arange(n), 6)
    receipts = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "warehouse_receipt_id": wr_ids,
            "po_id": po_ids,
            "asn_id": pd.Series(np.where(has_asn, asn_ids, np.array(None)), dtype="string"),
            "received_at": iso(received_at),
            "_loaded_at": iso(loaded_at(received_at)),
        }
    )[is_received]
    receipt_lines = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "warehouse_receipt_id": wr_ids[line_po],
            "line_number": line_number,
            "sku": po_lines["sku"].to_numpy(),
            "units_received": received,
            "units_rejected": rejected,
            "_loaded_at": iso(loaded_at(received_at[line_po])),
        }
    )[is_received[line_po]]

    # Invoices: a few days after receipt; approval speed is the merchant's, matching the vendor's.
    received_value = np.bincount(line_po, weights=received * unit_cost, minlength=n)
    inv_received_at = received_at + (rng.integers(1, 4, n) * 86400 + rng.integers(0, 28800, n)).astype("timedelta64[s]")
    approved_at = inv_received_at + (rng.gamma(4.0, m.approval_days / 4.0, n) * 86400).astype("int64").astype("timedelta64[s]")
    first_pass = rng.random(n) < tier("first_pass", po_v, po_bad)
    manual = np.where(first_pass, rng.random(n) < 0.01, rng.random(n) < 0.75)
    offers_discount = np.isin(po_vendor, active[::2])
    due = inv_received_at.astype("datetime64[D]") + np.timedelta64(10, "D")
    has_invoice = is_received & (inv_received_at.astype("datetime64[D]") <= end)
    captured = offers_discount & (approved_at.astype("datetime64[D]") <= due) & (rng.random(n) < m.discount_capture)
    invoices = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "invoice_id": ids(f"{m.merchant_id}-INV", np.arange(n), 6),
            "vendor_id": po_vendor,
            "po_id": po_ids,
            "invoice_amount": np.round(received_value, 2),
            "received_at": iso(inv_received_at),
            "approved_at": iso(np.where(approved_at.astype("datetime64[D]") <= end, approved_at, np.datetime64("NaT"))),
            "po_match_result": np.where(rng.random(n) < tier("po_exact", po_v, po_bad), "exact", "adjusted"),
            "first_pass_result": np.where(first_pass, "matched", "exception"),
            "resolution_method": np.where(manual, "manual", "automatic"),
            "discount_pct": np.where(offers_discount, 2.0, 0.0),
            "discount_due_date": pd.Series(np.where(offers_discount, due.astype(str), None), dtype="string"),
            "discount_taken_amount": np.where(captured, np.round(received_value * 0.02, 2), 0.0),
            "_loaded_at": iso(loaded_at(np.where(approved_at.astype("datetime64[D]") <= end, approved_at, inv_received_at))),
        }
    )[has_invoice]

    # Chargebacks for late, short or mis-advised deliveries, as far as the merchant enforces them.
    po_value = np.bincount(line_po, weights=units_ordered * unit_cost, minlength=n)
    short_cost = np.bincount(line_po, weights=(units_ordered - shipped) * unit_cost, minlength=n)
    short_po = short_cost > 0
    asn_po = np.bincount(line_po, weights=asn_error, minlength=n) > 0
    # Beyond those incidents, nearly half the POs draw a routine label or quality chargeback (1.5-4%).
    routine = np.where(rng.random(n) < 0.45, rng.choice(["label_error", "quality"], n), "")
    cause = np.where(late, "late_delivery", np.where(short_po, "short_shipment", np.where(asn_po, "asn_error", routine)))
    charged = is_received & (cause != "") & (rng.random(n) < 0.7 * m.chargeback_enforcement)
    issued = received_at.astype("datetime64[D]") + rng.integers(3, 10, n).astype("timedelta64[D]")
    resolve_days = rng.gamma(3.0, np.where(po_bad, 16.0, 6.0))
    credited = issued + resolve_days.astype("int64").astype("timedelta64[D]")
    # Routine chargebacks cost 1.5-4% of the PO, late and mis-advised deliveries 3-8%; a short
    # shipment recovers a share of the missing units' cost (the vendor's fill tolerance is 0).
    share = np.where(routine == cause, rng.uniform(0.015, 0.04, n), rng.uniform(0.03, 0.08, n))
    chargebacks = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "chargeback_id": ids(f"{m.merchant_id}-CB", np.arange(n), 6),
            "vendor_id": po_vendor,
            "issued_date": issued.astype(str),
            "credited_date": pd.Series(np.where(credited <= end, credited.astype(str), None), dtype="string"),
            "chargeback_amount": np.round(np.where(cause == "short_shipment", short_cost * SHORT_CHARGE, po_value * share), 2),
            "reason": cause,
            "_loaded_at": iso(loaded_at(np.minimum(credited, end).astype("datetime64[s]"))),
        }
    )[charged & (issued <= end)]

    # EDI: our 850 for every PO; the vendor's 855 acknowledgment, 856 with each ASN, 810 with each invoice.
    ack_at = ordered_at + np.timedelta64(20, "h")
    doc_type = np.concatenate([np.full(n, "850"), np.full(n, "855"), np.full(n, "856"), np.full(n, "810")])
    doc_at = np.concatenate([ordered_at, ack_at, shipped_at, inv_received_at])
    doc_vendor = np.tile(po_v, 4)
    exists = np.concatenate([np.ones(n, bool), ack_at.astype("datetime64[D]") <= end, has_asn, has_invoice])
    exists &= doc_at.astype("datetime64[D]") <= end
    vendor_doc = doc_type != "850"
    edi_ok = tier("edi_ok", doc_vendor, np.tile(po_bad, 4))
    edi = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "edi_transaction_id": ids(f"{m.merchant_id}-EDI", np.arange(doc_type.size), 7),
            "vendor_id": active[doc_vendor],
            "transaction_type": doc_type,
            "transmitted_at": iso(doc_at),
            "is_correct": ~vendor_doc | (rng.random(doc_type.size) < edi_ok),
            "is_on_time": ~vendor_doc | (rng.random(doc_type.size) < edi_ok - 0.003),
            "_loaded_at": iso(loaded_at(doc_at)),
        }
    )[exists]

    # Co-op: each vendor accrues 2% of its quarter's orders, claimable for 90 days after the quarter.
    quarter = ordered_at.astype("datetime64[M]").astype("int64") // 3
    fund = pd.DataFrame({"vendor_id": po_vendor, "quarter": quarter, "value": po_value}).groupby(["vendor_id", "quarter"], as_index=False)["value"].sum()
    quarter_end = (fund["quarter"].to_numpy() * 3 + 3).astype("datetime64[M]").astype("datetime64[D]") - np.timedelta64(1, "D")
    accrued = np.round(fund["value"].to_numpy() * 0.02, 2)
    claimed = np.round(accrued * np.minimum(1.0, rng.beta(200 * m.coop_utilization, 200 * (1.02 - m.coop_utilization), len(fund))), 2)
    coop = pd.DataFrame(
        {
            "merchant_id": m.merchant_id,
            "coop_fund_id": ids(f"{m.merchant_id}-COOP", np.arange(len(fund)), 4),
            "vendor_id": fund["vendor_id"],
            "accrued_date": quarter_end.astype(str),
            "claim_deadline_date": (quarter_end + np.timedelta64(90, "D")).astype(str),
            "accrued_amount": accrued,
            "claimed_amount": np.where(quarter_end + np.timedelta64(90, "D") <= end, claimed, np.round(claimed * 0.5, 2)),
            "_loaded_at": iso(loaded_at(np.minimum(quarter_end + np.timedelta64(90, "D"), end).astype("datetime64[s]"))),
        }
    )[quarter_end <= end]
    return {
        "purchase_orders": pos, "purchase_order_lines": po_lines, "asns": asns, "asn_lines": asn_lines,
        "warehouse_receipts": receipts, "warehouse_receipt_lines": receipt_lines, "vendor_invoices": invoices,
        "chargebacks": chargebacks, "edi_transactions": edi, "coop_funds": coop,
    }


def _as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """Every column as text (booleans as true/false), so defects of any type can be appended."""
    out = frame.copy()
    for col in out.columns:
        if out[col].dtype == bool:
            out[col] = np.where(out[col], "true", "false")
        out[col] = out[col].astype("string")
    return out


def _arrow(frame: pd.DataFrame) -> pa.Table:
    """A text frame as an Arrow table without pandas metadata, so every chunk has one schema."""
    return pa.Table.from_pandas(frame, preserve_index=False).replace_schema_metadata(None)


class _Parts:
    """Each merchant's tables as text, one Parquet part per table and merchant in a scratch folder, so
    memory holds one merchant (and one text chunk of it) at a time; the contract files are
    assembled from the parts at the end, after the defects that are drawn across merchants."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths: dict[str, list[Path]] = {}
        self.rows: dict[str, list[int]] = {}
        self.schemas: dict[str, pa.Schema] = {}
        self.candidates: list[int] = []  # per pos_receipts part: receipts old enough to break (_break_sequences)

    def add(self, name: str, frame: pd.DataFrame) -> None:
        paths = self.paths.setdefault(name, [])
        path = self.folder / f"{name}.{len(paths)}.parquet"
        schema = self.schemas.setdefault(name, _arrow(_as_text(frame.iloc[:0])).schema)
        candidates = 0
        # Uncompressed: a scratch file read once, where compressing costs more than it saves.
        with pq.ParquetWriter(path, schema, compression="none", use_dictionary=False) as writer:
            for start in range(0, len(frame), TEXT_CHUNK_ROWS):
                chunk = _arrow(_as_text(frame.iloc[start:start + TEXT_CHUNK_ROWS]))
                writer.write_table(chunk)
                if name == "pos_receipts":
                    candidates += _old_receipts(chunk)
        paths.append(path)
        self.rows.setdefault(name, []).append(len(frame))
        if name == "pos_receipts":
            self.candidates.append(candidates)

    def read(self, name: str, part: int, columns: list[str] | None = None) -> pa.Table:
        return pq.read_table(self.paths[name][part], columns=columns)

    def locate(self, name: str, position: int) -> tuple[int, int]:
        """(part, row within it) of a row position of the assembled table; part -1 is the defect rows."""
        offsets = np.cumsum([0, *self.rows[name]])
        part = int(np.searchsorted(offsets, position, side="right")) - 1
        return (part, position - int(offsets[part])) if part < len(self.rows[name]) else (-1, position - int(offsets[-1]))


def _old_receipts(receipts: pa.Table) -> int:
    return int(pc.sum(pc.less(receipts["receipt_at"], BREAK_BEFORE)).as_py() or 0)


def _defect_rows(parts: _Parts, name: str, rng: np.random.Generator) -> pa.Table:
    """The table's deliberately bad rows (DEFECTS), each a changed copy of one of R01's rows (R01 is the first part)."""
    text = parts.read(name, 0).to_pandas(types_mapper={pa.large_string(): pd.StringDtype(), pa.string(): pd.StringDtype()}.get)
    r01 = text[text["merchant_id"] == "R01"]
    rows = r01.iloc[rng.choice(len(r01), len(DEFECTS[name]), replace=len(r01) < len(DEFECTS[name]))]
    bad = [rows.iloc[[i]].assign(**(change or {})) for i, change in enumerate(DEFECTS[name])]
    return _arrow(pd.concat(bad, ignore_index=True)).cast(parts.schemas[name])


@dataclass(frozen=True)
class _SequenceBreaks:
    sequence_numbers: dict[int, str | None]  # new value by row position of pos_receipts
    dropped: frozenset[int]  # row positions of the receipts lost in transmission
    lost_receipts: frozenset[str]  # their receipt ids, whose lines go too


def _break_sequences(parts: _Parts, bad_receipts: pa.Table, rng: np.random.Generator) -> _SequenceBreaks:
    """Missing and out-of-order receipt sequence numbers, away from the newest (still open) days."""
    per_part = [*parts.candidates, _old_receipts(bad_receipts)]
    ordinals = 100 + rng.choice(sum(per_part) - 100, 7, replace=False)  # the first 100 old receipts are spared

    def table(part: int, columns: list[str]) -> pa.Table:
        return parts.read("pos_receipts", part, columns) if 0 <= part < len(parts.candidates) else bad_receipts.select(columns)

    def position(ordinal: int) -> int:
        part = int(np.searchsorted(np.cumsum(per_part), ordinal, side="right"))
        local = ordinal - int(sum(per_part[:part]))
        old = pc.less(table(part, ["receipt_at"])["receipt_at"], BREAK_BEFORE)
        row = int(np.flatnonzero(old.to_numpy(zero_copy_only=False))[local])
        return int(sum(parts.rows["pos_receipts"][:part])) + row

    def value(at: int, column: str) -> str | None:
        part, row = parts.locate("pos_receipts", at)
        return table(part, [column])[column][row].as_py()

    picks = [position(int(o)) for o in ordinals]
    dropped = picks[:3]  # three receipts lost in transmission: gaps
    swapped = picks[3:5]  # two pairs whose numbers arrived swapped: out of order
    nulled = picks[5:7]  # two receipts without a number: quarantined, so a gap too
    seq = {at: value(at, "sequence_number") for i in swapped for at in (i, i + 1)}
    for i in swapped:  # two swaps: a tiny loop over defects, not over rows
        seq[i], seq[i + 1] = seq[i + 1], seq[i]
    seq.update({at: None for at in nulled})
    return _SequenceBreaks(seq, frozenset(dropped), frozenset(str(value(at, "receipt_id")) for at in dropped))


def _broken(table: pa.Table, name: str, offset: int, breaks: _SequenceBreaks) -> pa.Table:
    """One part (or the defect rows) of pos_receipts or pos_receipt_lines with the sequence breaks applied."""
    if name == "pos_receipt_lines":
        lost = pa.array(sorted(breaks.lost_receipts), table["receipt_id"].type)
        return table.filter(pc.invert(pc.is_in(table["receipt_id"], value_set=lost)))
    if name != "pos_receipts":
        return table
    local = {at - offset: v for at, v in breaks.sequence_numbers.items() if offset <= at < offset + len(table)}
    if local:
        mask = np.zeros(len(table), dtype=bool)
        mask[sorted(local)] = True
        column = table["sequence_number"]
        replaced = pc.replace_with_mask(column, pa.array(mask), pa.array([local[r] for r in sorted(local)], column.type))
        table = table.set_column(table.schema.get_field_index("sequence_number"), "sequence_number", replaced)
    keep = np.ones(len(table), dtype=bool)
    keep[[at - offset for at in breaks.dropped if offset <= at < offset + len(table)]] = False
    return table if keep.all() else table.filter(pa.array(keep))


def _assemble(ctx: GenContext, parts: _Parts, name: str, bad: pa.Table, breaks: _SequenceBreaks) -> int:
    """Write one contract table: every merchant's part in merchant order, then its defect rows."""
    folder = ctx.out_dir / SYSTEM
    path = folder / f"{name}.{ctx.fmt}"
    schema = parts.schemas[name]
    writer = pq.ParquetWriter(path, schema) if ctx.fmt == "parquet" else pa_csv.CSVWriter(
        path, schema, write_options=pa_csv.WriteOptions(quoting_style="needed"))
    written, offset = 0, 0
    with writer:
        for part, rows in enumerate(parts.rows[name]):
            table = _broken(parts.read(name, part), name, offset, breaks)
            writer.write_table(table)
            written, offset = written + len(table), offset + rows
        table = _broken(bad, name, offset, breaks)
        writer.write_table(table)
    return written + len(table)


# Deliberately bad rows per table: (column overrides) applied to a copy of a real row; None copies it as is.
DEFECTS: dict[str, list[dict | None]] = {
    "merchants": [None],
    "stores": [{"store_id": pd.NA}],
    "vendors": [None],
    "products": [{"sku": "R01-SKU-BADCAT", "category": "toys"}, {"sku": "R01-SKU-NEGCOST", "unit_cost": "-3.50"}],
    "pos_receipts": [None, {"receipt_id": "R01-RC-BADTIME", "receipt_at": "2026-13-40 10:00:00"},
                     {"receipt_id": "R01-RC-BADTYPE", "receipt_type": "void"}],
    "pos_receipt_lines": [None, {"receipt_id": "R01-RC-UNKNOWN"}, {"line_number": "99", "markdown_amount": "9999"},
                          {"line_number": "98", "sku": "R01-SKU-NOPE"}],
    "sales_audits": [{"business_date": "2026-02-30"}, {"store_id": "S01", "business_date": "1999-01-01", "audit_status": "maybe"}],
    "purchase_orders": [{"po_id": "R01-PO-BADWIN", "window_end_date": "2020-01-01"}, {"po_id": "R01-PO-ORPHAN", "vendor_id": "V99"}],
    "purchase_order_lines": [{"line_number": "97", "units_ordered": "0"}],
    "asns": [{"asn_id": "R01-ASN-ORPHAN", "po_id": "R01-PO-NOPE"}],
    "asn_lines": [{"line_number": "97", "units_shipped": "-4"}],
    "warehouse_receipts": [{"warehouse_receipt_id": "R01-WR-BADTIME", "received_at": "yesterday"}],
    "warehouse_receipt_lines": [{"line_number": "97", "units_rejected": "500"}],
    "vendor_invoices": [None, {"invoice_id": "R01-INV-BADENUM", "po_match_result": "close_enough"}],
    "chargebacks": [{"chargeback_id": "R01-CB-BACKWARDS", "credited_date": "2020-01-01"}, {"chargeback_id": "R01-CB-NEG", "chargeback_amount": "-10"}],
    "edi_transactions": [{"edi_transaction_id": "R01-EDI-BADTYPE", "transaction_type": "999"}, {"edi_transaction_id": "R01-EDI-NOBOOL", "is_correct": "perhaps"}],
    "physical_counts": [{"count_id": "R01-CNT-NEG", "counted_units": "-1"}],
    "shelf_audits": [{"shelf_audit_id": "R01-SHA-BADBOOL", "is_on_shelf": "maybe"}],
    "demand_forecasts": [{"week_start_date": "2026-11-18"}],
    "coop_funds": [{"coop_fund_id": "R01-COOP-NEG", "claimed_amount": "-5"}],
    "inventory_adjustments": [{"adjustment_id": "R01-ADJ-ZERO", "adjustment_units": "0"}, {"adjustment_id": "R01-ADJ-BADREASON", "reason": "gremlins"}],
    "inventory_snapshots": [None],
}


def _merchant_tables(ctx: GenContext, rng: np.random.Generator, m: MerchantProfile, extract_at: str) -> dict[str, pd.DataFrame]:
    products = _products(rng, m)
    popularity = 1.0 / np.arange(1, len(products) + 1) ** 0.8
    popularity /= popularity.sum()
    # Expected units per SKU and week in one store at an average season (for stock and forecasts).
    weekly_units = ctx.scale * m.receipts_per_store_day * 7 * MEAN_LINES * MEAN_UNITS * (1 - 2 * RETURN_SHARE) * popularity
    stores, receipts, lines, audits = _pos(ctx, rng, m, products, popularity)
    snapshots, counts, shelf, adjustments = _inventory(ctx, rng, m, products, stores, weekly_units)
    tables = {
        "stores": stores, "pos_receipts": receipts, "pos_receipt_lines": lines, "sales_audits": audits,
        "inventory_snapshots": snapshots, "physical_counts": counts, "shelf_audits": shelf,
        "inventory_adjustments": adjustments,
        "demand_forecasts": _forecasts(ctx, rng, m, products, weekly_units),
        **_purchasing(ctx, rng, m, products, weekly_units),
        "products": products,
        "vendors": pd.DataFrame(
            {"merchant_id": m.merchant_id, "vendor_id": ids("V", np.arange(1, m.vendor_count + 1), 2),
             "vendor_name": [f"{m.name.split()[0]} Supplier {v}" for v in range(1, m.vendor_count + 1)]}
        ),
    }
    for name in ("stores", "vendors", "products"):
        tables[name]["_loaded_at"] = extract_at
    return tables


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    start = np.datetime64(ctx.start_date)
    extract_at = iso(np.array([np.datetime64(ctx.end_date) + np.timedelta64(26, "h")], dtype="datetime64[s]"))[0]
    folder = ctx.out_dir / SYSTEM
    folder.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=folder) as scratch:
        parts = _Parts(Path(scratch))
        for m in MERCHANTS:  # a handful of merchants, written one at a time; every per-row step inside is vectorised
            for name, frame in _merchant_tables(ctx, rng, m, extract_at).items():
                parts.add(name, frame)
        merchants = pd.DataFrame(
            {
                "merchant_id": [m.merchant_id for m in MERCHANTS],
                "merchant_name": [m.name for m in MERCHANTS],
                "created_at": iso(np.full(len(MERCHANTS), start - np.timedelta64(30, "D")).astype("datetime64[s]")),
            }
        )
        merchants["_loaded_at"] = extract_at
        parts.add("merchants", merchants)
        bad = {name: _defect_rows(parts, name, rng) for name in parts.paths}
        breaks = _break_sequences(parts, bad["pos_receipts"], rng)
        return {name: _assemble(ctx, parts, name, bad[name], breaks) for name in parts.paths}
