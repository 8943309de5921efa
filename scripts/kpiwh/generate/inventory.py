"""The inventory system: an end-of-day on-hand snapshot per merchant and SKU, and reorder policies.

Stock follows the storefront's own sales: each day's units sold (revenue orders) leave the shelf,
and when on-hand falls to the reorder point a purchase order arrives after the SKU's lead time
(sometimes late). One SKU per merchant is discontinued (not reordered in the last 60 days), the
tail of the catalogue barely sells, and M01's best seller has a scripted stock-out (its delivery
held up for nine days, docs/default_data.md), so every stock status and velocity tier occurs. The
simulation steps through days (a state machine) but every step is vectorised over all SKUs.
Snapshots cover the last INVENTORY_HISTORY_DAYS days: the system went live then.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kpiwh.generate import storefront_frames
from kpiwh.generate.common import GenContext, iso, loaded_at, write_table

SYSTEM = "inventory"
INVENTORY_HISTORY_DAYS = 365


def _policies(rng: np.random.Generator, skus: pd.DataFrame, daily_demand: np.ndarray) -> pd.DataFrame:
    n = len(skus)
    # Most parts come from nearby distributors within a week; a few from overseas.
    lead_time = rng.choice([1, 2, 3, 5, 7, 10], n, p=[0.2, 0.33, 0.25, 0.14, 0.05, 0.03])
    # Buyers set the reorder point at lead-time demand plus four to seven days of safety stock, two units at least.
    reorder_point = np.maximum(np.ceil(daily_demand * (lead_time + rng.uniform(4, 7, n))), 2).astype("int64")
    return skus.assign(reorder_point=reorder_point, lead_time_days=lead_time)


# The scripted stock-out (docs/default_data.md): the best seller of STOCKOUT_MERCHANT has no stock
# from STOCKOUT_FIRST_DAY to STOCKOUT_LAST_DAY days before the end date while its supplier's
# delivery is held up; the delivery lands the day after (restocked STOCKOUT_LAST_DAY - 1 days before the end).
STOCKOUT_MERCHANT = "M01"
STOCKOUT_FIRST_DAY, STOCKOUT_LAST_DAY = 14, 6
DISCONTINUED_DAYS = 60


def _simulate(rng: np.random.Generator, units: np.ndarray, policies: pd.DataFrame, daily_demand: np.ndarray,
              blocked: np.ndarray | None = None) -> np.ndarray:
    """End-of-day on-hand, days x SKUs, under a reorder-point policy with late deliveries.

    blocked (days x SKUs, optional): days on which a SKU's delivery is held up and its shelf is empty."""
    n_days, n_skus = units.shape
    reorder_point = policies["reorder_point"].to_numpy()
    lead_time = policies["lead_time_days"].to_numpy()
    # Order quantity: 18-28 days of demand (a cycle's cover), at least two units.
    order_qty = np.maximum(np.ceil(daily_demand * rng.uniform(18, 28, n_skus)), 2).astype("int64")
    # One discontinued SKU per merchant, a tail SKU: not reordered in the last DISCONTINUED_DAYS days,
    # it sells down its remaining stock (and may sell out: a stock-out a buyer accepts).
    discontinued = np.zeros(n_skus, dtype=bool)
    merchant = policies["merchant_id"].to_numpy()
    for first in np.flatnonzero(np.r_[True, merchant[1:] != merchant[:-1]]):  # one step per merchant, not per row
        last = first + int((merchant == merchant[first]).sum()) - 1
        discontinued[last - 1] = True
    on_hand = reorder_point + (order_qty * rng.uniform(0.3, 1.0, n_skus)).astype("int64")
    arrival_day = np.full(n_skus, -1)  # day an open purchase order lands; -1 when none is open
    snapshots = np.empty((n_days, n_skus), dtype="int64")
    for day in range(n_days):  # days are sequential state; SKUs are vectorised
        held = blocked[day] if blocked is not None else np.zeros(n_skus, dtype=bool)
        arriving = (arrival_day == day) & ~held
        on_hand = on_hand + np.where(arriving, order_qty, 0)
        arrival_day = np.where(arriving, -1, arrival_day)
        on_hand = np.maximum(on_hand - units[day], 0)  # demand beyond stock is a lost sale
        on_hand = np.where(held, 0, on_hand)
        reorder = (on_hand <= reorder_point) & (arrival_day < 0) & ~(discontinued & (day >= n_days - DISCONTINUED_DAYS))
        delay = np.where(rng.random(n_skus) < 0.03, rng.integers(1, 4, n_skus), 0)  # a late supplier now and then
        arrival_day = np.where(reorder, day + lead_time + delay, arrival_day)
        arrival_day = np.where(held, day + 1, arrival_day)  # the held-up delivery: always due tomorrow
        snapshots[day] = on_hand
    return snapshots


def _with_defects(snapshots: pd.DataFrame, policies: pd.DataFrame, rng: np.random.Generator) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Append the deliberately bad rows staging must catch (documented in the contract)."""
    pick = snapshots.iloc[rng.choice(len(snapshots) - 50, 5, replace=False)]
    bad_snapshots = pd.concat(
        [
            pick.iloc[:1],  # exact duplicate: deduplicated
            pick.iloc[1:2].assign(sku=pd.NA),  # null key
            pick.iloc[2:3].assign(on_hand_qty="n/a"),  # not a number
            pick.iloc[3:4].assign(on_hand_qty="-4"),  # negative stock: the system never reports it
            pick.iloc[4:5].assign(snapshot_date="2026-02-30"),  # impossible date
        ]
    )
    bad_policies = pd.concat([policies.iloc[:1], policies.iloc[1:2].assign(lead_time_days="two weeks")])
    return pd.concat([snapshots, bad_snapshots], ignore_index=True), pd.concat([policies, bad_policies], ignore_index=True)


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    storefront = storefront_frames.load(ctx)
    days = ctx.days()[-INVENTORY_HISTORY_DAYS:]
    skus = storefront.products.sort_values(["merchant_id", "sku"]).reset_index(drop=True)
    sku_index = pd.Series(np.arange(len(skus)), index=pd.MultiIndex.from_frame(skus))

    sold = storefront.sku_day_units
    sold_day = sold["day"].to_numpy().astype("datetime64[D]")
    in_window = (sold_day >= days[0]) & (sold_day <= days[-1])
    sold, sold_day = sold[in_window], sold_day[in_window]
    units = np.zeros((days.size, len(skus)), dtype="int64")
    col = sku_index.reindex(pd.MultiIndex.from_frame(sold[["merchant_id", "sku"]])).to_numpy()
    known = ~np.isnan(col)
    np.add.at(units, ((sold_day[known] - days[0]).astype("int64"), col[known].astype("int64")), sold["units"].to_numpy()[known])
    daily_demand = units.mean(axis=0)

    policies = _policies(rng, skus, daily_demand)
    blocked = np.zeros(units.shape, dtype=bool)
    merchant_cols = np.flatnonzero(skus["merchant_id"].to_numpy() == STOCKOUT_MERCHANT)
    if merchant_cols.size and days.size > STOCKOUT_FIRST_DAY:
        best_seller = merchant_cols[np.argmax(daily_demand[merchant_cols])]
        blocked[days.size - 1 - STOCKOUT_FIRST_DAY:days.size - STOCKOUT_LAST_DAY, best_seller] = True
    on_hand = _simulate(rng, units, policies, daily_demand, blocked)
    snapshot_day = np.repeat(days, len(skus))
    snapshots = pd.DataFrame(
        {
            "snapshot_date": pd.Series(np.datetime_as_string(snapshot_day, unit="D")),
            "merchant_id": np.tile(skus["merchant_id"].to_numpy(), days.size),
            "sku": np.tile(skus["sku"].to_numpy(), days.size),
            "on_hand_qty": on_hand.reshape(-1).astype(str),
            "_loaded_at": iso(loaded_at(snapshot_day.astype("datetime64[s]"), hour=1)),
        }
    )
    extract_at = iso(np.array([np.datetime64(ctx.end_date) + np.timedelta64(25, "h")], dtype="datetime64[s]"))[0]
    policies = policies.assign(
        reorder_point=policies["reorder_point"].astype(str), lead_time_days=policies["lead_time_days"].astype(str), _loaded_at=extract_at
    )
    snapshots, policies = _with_defects(snapshots, policies, rng)
    write_table(ctx, SYSTEM, "inventory_snapshots", snapshots)
    write_table(ctx, SYSTEM, "reorder_policies", policies)
    return {"inventory_snapshots": len(snapshots), "reorder_policies": len(policies)}
