"""The ops platform: operators, daily shop activation, operator SLA events and automation savings.

- operators: the people who work each merchant's queues (the helpdesk assigns them too). Each
  merchant's last operator joined two weeks before the end of the history, so has few or no
  SLA events: the "operator with no breaches" case is in the default data.
- shop_activations: per merchant and day, the dealer shops live on the platform and how many
  were active that day; weekends are quieter.
- sla_events: an SLA breach detected on a queue item, the operator's response and resolution;
  operators differ in speed and in how often they resolve.
- time_saved: minutes of the CEO's time saved by automation, per merchant, day and category;
  adoption grows over the history.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from kpiwh.generate.common import GenContext, ids, iso, loaded_at, seasonal_factor, write_table

SYSTEM = "ops"
OPERATORS_PER_MERCHANT = {"M01": 5, "M02": 3, "M03": 7}
NEW_HIRE_DAYS = 14
# Categories and mean minutes a day at full adoption; keep in step with seeds/ops/ops_time_saved_categories.csv.
TIME_SAVED_MINUTES = {
    "order_routing": 35.0,
    "inventory_reorder": 25.0,
    "cx_auto_reply": 40.0,
    "reporting": 20.0,
    "fulfillment_sync": 15.0,
}


def operators(ctx: GenContext) -> pd.DataFrame:
    """Operators per merchant (deterministic: the helpdesk generator assigns the same ids)."""
    merchant = np.repeat(list(OPERATORS_PER_MERCHANT), list(OPERATORS_PER_MERCHANT.values()))
    number = np.concatenate([np.arange(1, n + 1) for n in OPERATORS_PER_MERCHANT.values()])
    is_new = np.concatenate([np.arange(1, n + 1) == n for n in OPERATORS_PER_MERCHANT.values()])
    start = np.datetime64(ctx.start_date, "s") - np.timedelta64(30, "D")
    hired = np.where(is_new, np.datetime64(ctx.end_date, "s") - np.timedelta64(NEW_HIRE_DAYS, "D"), start)
    return pd.DataFrame(
        {
            "operator_id": pd.Series(merchant).str.cat(ids("-OP", number, 2)).to_numpy(),
            "merchant_id": merchant,
            "operator_name": ids("Operator ", np.arange(1, merchant.size + 1), 2),
            "hired_at": iso(hired),
        }
    )


def _shop_activations(ctx: GenContext, rng: np.random.Generator, merchants: list[str]) -> pd.DataFrame:
    days = ctx.days()
    n_days, n_merchants = days.size, len(merchants)
    base = rng.integers(25, 90, n_merchants) * max(ctx.scale, 0.1)
    live = np.round(base[None, :] * (1 + np.arange(n_days)[:, None] / n_days)).astype("int64")
    weekday = seasonal_factor(days, [1, 1, 1, 1, 0.97, 0.85, 0.8], [1] * 12)
    propensity = np.clip(rng.uniform(0.8, 0.9, n_merchants)[None, :] * weekday[:, None] + rng.normal(0, 0.03, (n_days, n_merchants)), 0, 1)
    active = rng.binomial(live, propensity)
    day = np.repeat(days, n_merchants)
    return pd.DataFrame(
        {
            "merchant_id": np.tile(merchants, n_days),
            "activity_date": pd.Series(np.datetime_as_string(day, unit="D")),
            "shops_live": live.reshape(-1).astype(str),
            "shops_active": active.reshape(-1).astype(str),
            "_loaded_at": iso(loaded_at(day.astype("datetime64[s]"), hour=3)),
        }
    )


def _sla_events(ctx: GenContext, rng: np.random.Generator, ops: pd.DataFrame) -> pd.DataFrame:
    days = ctx.days()
    merchants = np.array(list(OPERATORS_PER_MERCHANT))
    counts = rng.poisson(ctx.scale * np.array([2.0, 1.2, 3.5])[None, :], (days.size, merchants.size))
    merchant = np.tile(merchants, days.size).repeat(counts.reshape(-1))
    n = merchant.size
    detected = np.repeat(np.repeat(days, merchants.size), counts.reshape(-1)).astype("datetime64[s]")
    detected = detected + rng.integers(0, 86_400, n).astype("timedelta64[s]")

    # Assign each event to one of its merchant's operators hired by then (new hires are skipped before).
    hired = pd.to_datetime(ops["hired_at"]).to_numpy().astype("datetime64[s]")
    first = np.searchsorted(ops["merchant_id"].to_numpy(), merchant, side="left")
    staff = np.array([OPERATORS_PER_MERCHANT[m] for m in merchants])[np.searchsorted(merchants, merchant)]
    pick = first + (rng.random(n) * (staff - 1)).astype("int64")  # veterans: all but the newest
    newest = first + staff - 1
    pick = np.where((detected >= hired[newest]) & (rng.random(n) < 1 / staff), newest, pick)

    speed = rng.lognormal(np.log(26), 0.35, len(ops))[pick]  # each operator's typical response
    reliability = rng.uniform(0.86, 0.99, len(ops))[pick]
    responded = detected + (rng.lognormal(np.log(speed), 0.8) * 60).astype("int64").astype("timedelta64[s]")
    resolved = responded + (rng.exponential(5, n) * 3600).astype("int64").astype("timedelta64[s]")
    history_end = (np.datetime64(ctx.end_date) + np.timedelta64(1, "D")).astype("datetime64[s]")
    responded = np.where(responded < history_end, responded, np.datetime64("NaT"))
    resolved = np.where((resolved < history_end) & (rng.random(n) < reliability), resolved, np.datetime64("NaT"))
    return pd.DataFrame(
        {
            "sla_event_id": ids("SLA-", np.arange(n), 8),
            "merchant_id": merchant,
            "operator_id": ops["operator_id"].to_numpy()[pick],
            "detected_at": iso(detected),
            "responded_at": iso(responded),
            "resolved_at": iso(resolved),
            "_loaded_at": iso(loaded_at(np.fmax(detected, np.fmax(responded, resolved)))),
        }
    )


def _time_saved(ctx: GenContext, rng: np.random.Generator, merchants: list[str]) -> pd.DataFrame:
    days = ctx.days()
    categories = np.array(list(TIME_SAVED_MINUTES))
    adoption = np.clip(0.2 + np.arange(days.size) / days.size, 0, 1)  # automations switched on over time
    mean = adoption[:, None, None] * np.array(list(TIME_SAVED_MINUTES.values()))[None, None, :] * np.ones((1, len(merchants), 1))
    minutes = np.round(rng.gamma(2.0, mean / 2.0), 1)
    shape = minutes.shape
    day = np.repeat(days, shape[1] * shape[2])
    frame = pd.DataFrame(
        {
            "merchant_id": np.tile(np.repeat(merchants, shape[2]), shape[0]),
            "saved_date": pd.Series(np.datetime_as_string(day, unit="D")),
            "category": np.tile(categories, shape[0] * shape[1]),
            "minutes_saved": minutes.reshape(-1).astype(str),
            "_loaded_at": iso(loaded_at(day.astype("datetime64[s]"), hour=4)),
        }
    )
    frame = frame[frame["minutes_saved"] != "0.0"].reset_index(drop=True)  # no record when nothing ran
    frame.insert(0, "time_saved_id", ids("TS-", np.arange(len(frame)), 8))
    return frame


def _with_defects(tables: dict[str, pd.DataFrame], rng: np.random.Generator) -> dict[str, pd.DataFrame]:
    """Append the deliberately bad rows staging must catch (documented in the contract)."""
    shops, events, saved = tables["shop_activations"], tables["sla_events"], tables["time_saved"]
    shop_pick = shops.iloc[rng.choice(len(shops) - 10, 3, replace=False)]
    event_pick = events.iloc[rng.choice(len(events) - 10, 4, replace=False)]
    saved_pick = saved.iloc[rng.choice(len(saved) - 10, 3, replace=False)]
    bad = {
        "shop_activations": pd.concat(
            [
                shop_pick.iloc[:1],  # exact duplicate
                shop_pick.iloc[1:2].assign(shops_active="999999"),  # more active shops than live ones
                shop_pick.iloc[2:3].assign(activity_date="yesterday"),  # not a date
            ]
        ),
        "sla_events": pd.concat(
            [
                event_pick.iloc[:1],  # exact duplicate
                event_pick.iloc[1:2].assign(sla_event_id="SLA-ORPHAN", operator_id="M01-OP99"),  # unknown operator
                event_pick.iloc[2:3].assign(sla_event_id="SLA-BACKWARDS", resolved_at="2000-01-01 00:00:00"),  # resolved before detected
                event_pick.iloc[3:4].assign(sla_event_id=pd.NA),  # null key
            ]
        ),
        "time_saved": pd.concat(
            [
                saved_pick.iloc[:1],  # exact duplicate
                saved_pick.iloc[1:2].assign(time_saved_id="TS-BAD-CATEGORY", category="coffee_breaks"),  # not a counted category
                saved_pick.iloc[2:3].assign(time_saved_id="TS-NEGATIVE", minutes_saved="-30"),  # negative minutes
            ]
        ),
    }
    return {name: pd.concat([frame, bad[name]], ignore_index=True) if name in bad else frame for name, frame in tables.items()}


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    ops = operators(ctx)
    merchants = list(OPERATORS_PER_MERCHANT)
    extract_at = iso(np.array([np.datetime64(ctx.end_date) + np.timedelta64(26, "h")], dtype="datetime64[s]"))[0]
    tables = {
        "operators": ops.assign(_loaded_at=extract_at),
        "shop_activations": _shop_activations(ctx, rng, merchants),
        "sla_events": _sla_events(ctx, rng, ops),
        "time_saved": _time_saved(ctx, rng, merchants),
    }
    tables = _with_defects(tables, rng)
    for name, frame in tables.items():
        write_table(ctx, SYSTEM, name, frame)
    return {name: len(frame) for name, frame in tables.items()}
