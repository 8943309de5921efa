"""The fulfillment system: one fulfillment record per storefront order that was not cancelled.

Orders are the storefront's (same ids, merchants and times). Warehouses ship on weekdays: a
fulfilment time landing on a weekend slips to the Monday, and a tail of slow orders breaches the
SLA. Carriers report a few issues (delayed, lost,
damaged, address problem) some days after the order.
"""
from __future__ import annotations

from datetime import date

import numpy as np
import pandas as pd

from kpiwh.generate import storefront_frames
from kpiwh.generate.common import GenContext, as_text, iso, loaded_at, read_table, with_changes, write_table

SYSTEM = "fulfillment"
CARRIERS = ["ups", "fedex", "usps", "dhl"]
ISSUE_TYPES = ["delayed", "lost", "damaged", "address_problem"]
# The fields a shipment and an issue report set on a record.
SHIPPING = ["fulfillment_status", "fulfilled_at", "carrier"]
ISSUE = ["issue_type", "issue_reported_at"]


def _weekday(ts: np.ndarray) -> np.ndarray:
    return (ts.astype("datetime64[D]").astype("int64") + 3) % 7  # Monday 0; 1970-01-01 was a Thursday


def _with_defects(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Append the deliberately bad rows staging must catch (documented in the contract)."""
    pick = frame.iloc[rng.choice(len(frame) - 50, 6, replace=False)]
    bad = pd.concat(
        [
            pick.iloc[:1],  # exact duplicate
            pick.iloc[1:2].assign(fulfillment_id=pd.NA),  # null key
            pick.iloc[2:3].assign(fulfillment_id="F-BAD-STATUS", fulfillment_status="shipped_maybe"),  # invalid enum
            pick.iloc[3:4].assign(fulfillment_id="F-BAD-DATE", fulfilled_at="2026-11-31 09:00:00"),  # impossible timestamp
            pick.iloc[4:5].assign(fulfillment_id="F-ORPHAN", order_id="M01-99999999"),  # unknown order
            pick.iloc[5:6].assign(fulfillment_id="F-BAD-ISSUE", issue_type="eaten_by_dog"),  # invalid enum
        ]
    )
    return pd.concat([frame, bad], ignore_index=True)


def _last_second(day: date) -> np.datetime64:
    """The last second of a day: what an extract taken after it has seen."""
    return (np.datetime64(day) + np.timedelta64(1, "D")).astype("datetime64[s]") - np.timedelta64(1, "s")


def _fulfillments(rng: np.random.Generator, orders: pd.DataFrame, ready: np.ndarray, history_end: np.datetime64) -> pd.DataFrame:
    """The records of the orders (merchant_id, order_id, created_at) as known at history_end; shipping starts at `ready`."""
    n = len(orders)
    created = orders["created_at"].to_numpy().astype("datetime64[s]")

    # Hours to ship: mostly the same or the next day, with a slow tail; weekend completions slip to Monday.
    hours = rng.lognormal(np.log(8), 0.7, n)
    fulfilled = ready + (hours * 3600).astype("int64").astype("timedelta64[s]")
    weekend_slip = np.select([_weekday(fulfilled) == 5, _weekday(fulfilled) == 6], [2, 1], 0)
    fulfilled = fulfilled + (weekend_slip * 86_400).astype("timedelta64[s]")
    # The shipping system is the source of truth: an order is fulfilled once its time has come.
    # (The storefront's own flag agrees for orders older than a few days; see the contract.)
    is_fulfilled = fulfilled <= history_end
    fulfilled_at = np.where(is_fulfilled, fulfilled, np.datetime64("NaT"))
    status = np.where(is_fulfilled, "fulfilled", np.where(rng.random(n) < 0.15, "partial", "unfulfilled"))

    has_issue = rng.random(n) < 0.04
    issue_at = created + (rng.uniform(0.5, 6, n) * 86_400).astype("int64").astype("timedelta64[s]")
    has_issue &= issue_at <= history_end  # not reported yet otherwise
    issue_type = np.where(has_issue, rng.choice(ISSUE_TYPES, n, p=[0.5, 0.1, 0.25, 0.15]), np.array(None))
    issue_reported_at = np.where(has_issue, issue_at, np.datetime64("NaT"))
    last_change = np.fmax(created, np.fmax(fulfilled_at, issue_reported_at))

    return pd.DataFrame(
        {
            "fulfillment_id": "F-" + orders["order_id"],
            "merchant_id": orders["merchant_id"],
            "order_id": orders["order_id"],
            "fulfillment_status": status,
            "created_at": iso(created),
            "fulfilled_at": iso(fulfilled_at),
            "carrier": np.where(is_fulfilled, rng.choice(CARRIERS, n, p=[0.4, 0.25, 0.3, 0.05]), np.array(None)),
            "issue_type": issue_type,
            "issue_reported_at": iso(issue_reported_at),
            "_loaded_at": iso(loaded_at(last_change)),
        }
    )


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    orders = storefront_frames.load(ctx).orders
    orders = orders[~orders["is_cancelled"]].reset_index(drop=True)
    frame = _fulfillments(rng, orders, orders["created_at"].to_numpy().astype("datetime64[s]"), _last_second(ctx.end_date))
    frame = _with_defects(frame, rng)
    write_table(ctx, SYSTEM, "fulfillments", frame)
    return {"fulfillments": len(frame)}


def next_day(ctx: GenContext) -> dict[str, int]:
    """Append the day after the existing data (ctx's one day, whose orders the storefront has) as its extract has it.

    A record for each of the day's orders that was not cancelled, and the earlier records that
    changed that day: an order still open ships once a shipping time from the day's start has
    passed (the clock restarts, so orders left open do not pile up), and an order without an
    issue gets one when its report time, drawn as for a new order, falls on the day. Both use
    the full generator's per-order draws, from a random stream of the day. A changed record
    carries the night's extract time; the deliberately bad records are left as they are.
    """
    day = ctx.end_date
    rng = ctx.day_rng(SYSTEM)
    existing = read_table(ctx, SYSTEM, "fulfillments")
    created = pd.to_datetime(existing["created_at"], errors="coerce")
    changeable = (
        existing["fulfillment_id"].eq("F-" + existing["order_id"]).fillna(False)
        & created.notna()
        & (existing["fulfilled_at"].isna() | existing["issue_reported_at"].isna())
    )
    # One draw per record (with_changes sets it on an exact duplicate too).
    earlier = existing[changeable].drop_duplicates("fulfillment_id")
    orders = storefront_frames.load(ctx).orders
    new_orders = orders.loc[~orders["is_cancelled"] & (orders["created_at"] >= pd.Timestamp(day)), ["merchant_id", "order_id", "created_at"]]
    candidates = pd.concat([earlier[["merchant_id", "order_id"]].assign(created_at=created[earlier.index]), new_orders], ignore_index=True)
    ready = np.concatenate([np.full(len(earlier), np.datetime64(day, "s")), new_orders["created_at"].to_numpy().astype("datetime64[s]")])
    drawn = _fulfillments(rng, candidates, ready, _last_second(day))

    draw = drawn.iloc[: len(earlier)].set_index("fulfillment_id")
    after = earlier.set_index("fulfillment_id")
    shipped = after["fulfilled_at"].isna() & draw["fulfilled_at"].notna()
    reported = after["issue_reported_at"].isna() & (pd.to_datetime(draw["issue_reported_at"]) >= pd.Timestamp(day))
    after.loc[shipped, SHIPPING] = draw.loc[shipped, SHIPPING]
    after.loc[reported, ISSUE] = draw.loc[reported, ISSUE]
    after = after[shipped | reported].assign(_loaded_at=str(iso(loaded_at(np.array([np.datetime64(day, "s")])))[0]))
    new_records = as_text(drawn.iloc[len(earlier):])
    write_table(ctx, SYSTEM, "fulfillments", pd.concat([with_changes(existing, "fulfillment_id", after), new_records], ignore_index=True))
    return {"fulfillments": len(new_records)}
