"""The CX helpdesk: customer conversations, their first response, escalation, sentiment and closure.

Volume follows the storefront's orders (about one conversation per eight orders), and most
conversations are about a recent order of the same merchant. Chat is answered in a couple of
minutes, email in about half an hour; a few recent conversations have no response yet and the
newest are still open. Escalated conversations lean negative. Operators are the ops system's (kpiwh.generate.ops).
"""
from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd

from kpiwh.generate import ops, storefront_frames
from kpiwh.generate.common import GenContext, as_text, ids, iso, loaded_at, next_number, read_table, with_changes, write_table

SYSTEM = "helpdesk"
CHANNELS = np.array(["email", "chat", "phone", "social"])
CHANNEL_SHARE = [0.45, 0.3, 0.15, 0.1]
CHANNEL_MEDIAN_RESPONSE_MINUTES = np.array([15.0, 1.5, 5.0, 30.0])
RESPONSE_SPREAD = 0.65  # log-normal sigma of first-response minutes: about 3% miss the channel SLA
# The scripted CX backlog week (docs/default_data.md): BACKLOG_MERCHANT's conversations opened
# BACKLOG_FIRST_DAY..BACKLOG_LAST_DAY days before the end wait BACKLOG_SLOWDOWN times longer and run negative.
BACKLOG_MERCHANT, BACKLOG_FIRST_DAY, BACKLOG_LAST_DAY, BACKLOG_SLOWDOWN = "M03", 34, 28, 6.0
SENTIMENTS = np.array(["very_negative", "negative", "neutral", "positive", "very_positive"])


def _minutes(values: np.ndarray) -> np.ndarray:
    return (values * 60).astype("int64").astype("timedelta64[s]")


def _with_defects(frame: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """Append the deliberately bad rows staging must catch (documented in the contract)."""
    pick = frame.iloc[rng.choice(len(frame) - 50, 5, replace=False)]
    bad = pd.concat(
        [
            pick.iloc[:1],  # exact duplicate
            pick.iloc[1:2].assign(conversation_id=pd.NA),  # null key
            pick.iloc[2:3].assign(conversation_id="CONV-BAD-STATUS", status="lost"),  # invalid enum (any channel is valid)
            pick.iloc[3:4].assign(conversation_id="CONV-BAD-SENTIMENT", sentiment="furious"),  # invalid enum
            pick.iloc[4:5].assign(conversation_id="CONV-BAD-DATE", created_at="not a date"),  # unparseable timestamp
        ]
    )
    return pd.concat([frame, bad], ignore_index=True)


def _midnight_after(day: date) -> np.datetime64:
    """The end of a day: an extract taken after it has seen everything before this time."""
    return (np.datetime64(day) + np.timedelta64(1, "D")).astype("datetime64[s]")


def _lifecycle(
    rng: np.random.Generator, created: np.ndarray, median_minutes: np.ndarray, history_end: np.datetime64
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """First response, escalation flag and time, closure and status of conversations (or their rest) from `created`, as known at history_end."""
    n = created.size
    first_response = created + _minutes(rng.lognormal(np.log(median_minutes), RESPONSE_SPREAD))
    unanswered = (first_response >= history_end) | (rng.random(n) < 0.005)  # a few fall through the cracks
    first_response = np.where(unanswered, np.datetime64("NaT"), first_response)

    is_escalated = rng.random(n) < 0.07
    escalated_at = np.where(is_escalated, created + _minutes(rng.uniform(30, 48 * 60, n)), np.datetime64("NaT"))
    is_escalated &= escalated_at < history_end
    escalated_at = np.where(is_escalated, escalated_at, np.datetime64("NaT"))
    closed = created + _minutes(rng.lognormal(np.log(np.where(is_escalated, 72 * 60, 8 * 60)), 0.8))
    # An escalated conversation closes only after its escalation is worked (hours later).
    closed = np.where(is_escalated, np.fmax(closed, escalated_at + _minutes(rng.uniform(60, 24 * 60, n))), closed)
    is_closed = (closed < history_end) & ~unanswered
    closed_at = np.where(is_closed, closed, np.datetime64("NaT"))
    status = np.where(is_closed, "closed", np.where(rng.random(n) < 0.5, "open", "pending"))
    return first_response, is_escalated, escalated_at, closed_at, status


def _conversations(ctx: GenContext, rng: np.random.Generator, first_number: int = 0) -> pd.DataFrame:
    """The conversations opened on ctx's days, as known at the end of its end date; ids count from first_number."""
    storefront = storefront_frames.load(ctx)
    days = ctx.days()
    demand = storefront_frames.daily_order_counts(storefront, days)
    counts = rng.poisson(demand["orders"].to_numpy() / 8)
    merchant = np.repeat(demand["merchant_id"].to_numpy(), counts)
    n = merchant.size
    created = np.repeat(demand["day"].to_numpy().astype("datetime64[s]"), counts) + rng.integers(6 * 3600, 86_400, n).astype("timedelta64[s]")

    # The order a conversation is about: one of the merchant's last orders before it opened.
    orders = storefront.orders
    order_key = orders["merchant_id"].to_numpy() + "|" + orders["created_at"].dt.strftime("%Y-%m-%d %H:%M:%S").to_numpy()
    before = np.searchsorted(order_key, merchant + "|" + pd.Series(iso(created)).to_numpy(dtype=object))
    merchant_first = np.searchsorted(orders["merchant_id"].to_numpy(), merchant, side="left")
    order_idx = before - 1 - rng.geometric(0.2, n)
    has_order = (order_idx >= merchant_first) & (rng.random(n) < 0.7)
    order_id = np.where(has_order, orders["order_id"].to_numpy()[np.clip(order_idx, 0, None)], None)

    channel_idx = rng.choice(len(CHANNELS), n, p=CHANNEL_SHARE)
    days_before_end = (np.datetime64(ctx.end_date) - created.astype("datetime64[D]")).astype("int64")
    backlog = (merchant == BACKLOG_MERCHANT) & (days_before_end >= BACKLOG_LAST_DAY) & (days_before_end <= BACKLOG_FIRST_DAY)
    median_minutes = CHANNEL_MEDIAN_RESPONSE_MINUTES[channel_idx] * np.where(backlog, BACKLOG_SLOWDOWN, 1.0)
    first_response, is_escalated, escalated_at, closed_at, status = _lifecycle(rng, created, median_minutes, _midnight_after(ctx.end_date))

    mood = rng.choice(len(SENTIMENTS), n, p=[0.02, 0.06, 0.44, 0.33, 0.15])
    mood = np.where(is_escalated, np.minimum(mood, rng.integers(0, 4, n)), mood)  # escalations run negative
    mood = np.where(backlog, np.minimum(mood, rng.integers(0, 3, n)), mood)  # so do customers kept waiting

    # Assigned to one of the merchant's operators; the newest only once they were hired.
    staff = ops.operators(ctx)
    staff_first = np.searchsorted(staff["merchant_id"].to_numpy(), merchant, side="left")
    staff_size = np.searchsorted(staff["merchant_id"].to_numpy(), merchant, side="right") - staff_first
    newest = staff_first + staff_size - 1
    pick = staff_first + (rng.random(n) * (staff_size - 1)).astype("int64")
    hired = pd.to_datetime(staff["hired_at"]).to_numpy().astype("datetime64[s]")
    pick = np.where((created >= hired[newest]) & (rng.random(n) < 1 / staff_size), newest, pick)
    operator = staff["operator_id"].to_numpy()[pick]

    return pd.DataFrame(
        {
            "conversation_id": ids("CONV-", first_number + np.arange(n), 8),
            "merchant_id": merchant,
            "order_id": order_id,
            "channel": CHANNELS[channel_idx],
            "created_at": iso(created),
            "first_response_at": iso(first_response),
            "status": status,
            "is_escalated": np.where(is_escalated, "true", "false"),
            "escalated_at": iso(escalated_at),
            "closed_at": iso(closed_at),
            "sentiment": SENTIMENTS[mood],
            "assigned_operator_id": operator,
            "_loaded_at": iso(loaded_at(np.fmax(created, np.fmax(first_response, np.fmax(escalated_at, closed_at))))),
        }
    )


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    frame = _with_defects(_conversations(ctx, rng), rng)
    write_table(ctx, SYSTEM, "conversations", frame)
    return {"conversations": len(frame)}


def next_day(ctx: GenContext) -> dict[str, int]:
    """Append the day after the existing data (ctx's one day, whose orders the storefront has) as its extract has it.

    The day's new conversations, drawn as the full generator draws a day (ids go on from the
    last), and the earlier conversations still open that changed that day: each goes on from
    the day's start with the full generator's per-conversation draws (the clock restarts, so
    open conversations do not pile up; no backlog slowdown), and takes the first response,
    escalation and closure that fall on the day; what falls later is drawn again the next
    night. A conversation unanswered for more than a day fell through the cracks and stays so. All from a random stream of the day. A changed conversation carries the night's
    extract time; the deliberately bad rows are left as they are.
    """
    day = ctx.end_date
    rng = ctx.day_rng(SYSTEM)
    existing = read_table(ctx, SYSTEM, "conversations")
    created = pd.to_datetime(existing["created_at"], errors="coerce")
    # Unanswered after a whole day (every channel answers in minutes to hours): fallen through the
    # cracks, as the full generator leaves some, and left so.
    forgotten = existing["first_response_at"].isna() & (created < pd.Timestamp(day - timedelta(days=1)))
    still_open = (
        existing["conversation_id"].str.fullmatch(r"CONV-\d{8}").fillna(False)
        & created.notna()
        & existing["status"].isin(["open", "pending"])
        & ~forgotten
    )
    # One draw per conversation (with_changes sets it on an exact duplicate too).
    after = existing[still_open].drop_duplicates("conversation_id").set_index("conversation_id")
    median_minutes = pd.Series(CHANNEL_MEDIAN_RESPONSE_MINUTES, index=CHANNELS).reindex(after["channel"]).to_numpy()
    first_response, is_escalated, escalated_at, closed_at, _ = _lifecycle(rng, np.full(len(after), np.datetime64(day, "s")), median_minutes, _midnight_after(day))
    answered = after["first_response_at"].isna().to_numpy() & ~np.isnat(first_response)
    escalated = after["is_escalated"].eq("false").to_numpy() & is_escalated
    closed = ~np.isnat(closed_at)
    after.loc[answered, "first_response_at"] = iso(first_response[answered]).to_numpy()
    after.loc[escalated, ["is_escalated", "escalated_at"]] = np.column_stack([np.full(escalated.sum(), "true"), iso(escalated_at[escalated]).to_numpy()])
    after.loc[closed, ["status", "closed_at"]] = np.column_stack([np.full(closed.sum(), "closed"), iso(closed_at[closed]).to_numpy()])
    after = after[answered | escalated | closed].assign(_loaded_at=str(iso(loaded_at(np.array([np.datetime64(day, "s")])))[0]))
    # ops.operators of the one-day ctx hires the newest operator later than the data set did, but
    # before the day either way: the day's conversations are assigned as they would have been.
    new_conversations = as_text(_conversations(ctx, rng, first_number=next_number(existing["conversation_id"], "CONV-")))
    write_table(ctx, SYSTEM, "conversations", pd.concat([with_changes(existing, "conversation_id", after), new_conversations], ignore_index=True))
    return {"conversations": len(new_conversations)}
