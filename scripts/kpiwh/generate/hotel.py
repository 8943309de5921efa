"""The hotel property-management system (PMS): hotels and their nightly reservation extracts.

Each hotel gets a stream of reservations: arrivals per day are Poisson, shaped by weekday and
month seasonality (each hotel its own: a city hotel fills on weekdays, a resort in summer);
lead times are log-normal (most bookings within two weeks, a long tail up to ten months); stays
are 1 to 14 nights; about one booking in ten takes several rooms. About 15% are cancelled
(between booking and arrival) and 3% are no-shows. Demand is calibrated to about 75% occupancy
and not capped, so peak nights are occasionally overbooked, as real hotels do on purpose.

The PMS exports, every night, the reservations on its books: every reservation booked on or
before that night whose departure is not yet past, with its status as of that night. Some nights
the export is missing (single days and runs of several days). All extracts go to one file,
`reservation_extracts`, each row tagged with its `as_of_date` (docs/raw_data_contract.md).

`--scale` multiplies every hotel's capacity (and so its reservations): scale 1 is about 20K
reservations and 300K extract rows; scale 48 is about 1 million reservations
(`kpiwh benchmark --hotel-scale 48`). Reservations are expanded to extract rows in chunks that are
written as they are made, so memory stays flat whatever the scale. A handful of deliberately bad
rows of each kind are appended; staging must quarantine each of them.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from kpiwh.generate.common import GenContext, ids, seasonal_factor, write_table

SYSTEM = "hotel"
STATUSES = np.array(["confirmed", "checked_in", "checked_out", "cancelled", "no_show"], dtype=object)
SEGMENTS = np.array(["transient", "corporate", "group", "leisure_package"], dtype=object)
CHANNELS = np.array(["direct", "booking_engine", "ota", "gds", "phone"], dtype=object)
TARGET_OCCUPANCY = 0.75
CANCEL_RATE = 0.15
NO_SHOW_RATE = 0.03
RESERVATIONS_PER_CHUNK = 50_000
# The scripted soft month (docs/default_data.md): a large convention at SOFT_HOTEL was cancelled, so
# its arrivals in the calendar month SOFT_MONTH_BEFORE_END months before the end date's month run at
# SOFT_FACTOR of normal demand.
SOFT_HOTEL, SOFT_MONTH_BEFORE_END, SOFT_FACTOR = "H01", 1, 0.6


@dataclass(frozen=True)
class HotelProfile:
    hotel_id: str
    name: str
    capacity: int  # rooms at scale 1
    base_rate: float  # average nightly rate per room, USD
    timezone: str
    weekday: tuple[float, ...]  # demand by weekday of the night, Mon=0
    month: tuple[float, ...]  # demand by month of the night, Jan=0


HOTELS = (
    HotelProfile("H01", "Harbour View Grand", 32, 210.0, "America/New_York",
                 (1.15, 1.2, 1.2, 1.15, 0.9, 0.8, 0.85), (0.8, 0.85, 0.95, 1.0, 1.05, 1.1, 1.1, 1.1, 1.05, 1.0, 0.95, 0.85)),
    HotelProfile("H02", "Alpine Lodge", 18, 165.0, "America/Denver",
                 (0.8, 0.8, 0.85, 0.95, 1.25, 1.3, 1.0), (1.3, 1.3, 1.1, 0.8, 0.6, 0.8, 1.0, 1.0, 0.8, 0.75, 0.9, 1.25)),
    HotelProfile("H03", "Seaside Inn", 10, 130.0, "America/Los_Angeles",
                 (0.85, 0.85, 0.9, 0.95, 1.2, 1.3, 0.95), (0.6, 0.65, 0.8, 0.95, 1.1, 1.3, 1.45, 1.45, 1.1, 0.85, 0.7, 0.7)),
    HotelProfile("H04", "City Express", 6, 95.0, "America/Chicago",
                 (1.2, 1.25, 1.25, 1.15, 0.85, 0.7, 0.75), (0.9, 0.95, 1.0, 1.0, 1.05, 1.0, 0.95, 0.95, 1.05, 1.1, 1.05, 0.9)),
)


def _capacity(hotel: HotelProfile, scale: float) -> int:
    return max(1, round(hotel.capacity * scale))


def _missing_extract_days(rng: np.random.Generator, days: np.ndarray) -> np.ndarray:
    """A boolean mask of the days whose extract is missing: ~2% single days and a few runs of 2-6."""
    missing = rng.random(days.size) < 0.02
    run_starts = rng.choice(days.size - 8, size=max(1, days.size // 150), replace=False)
    run_lengths = rng.integers(2, 7, run_starts.size)
    run_days = np.repeat(run_starts, run_lengths) + (np.arange(run_lengths.sum()) - np.repeat(np.cumsum(run_lengths) - run_lengths, run_lengths))
    missing[run_days] = True
    missing[-1] = False  # the last night's extract is there, so the default warehouse is current
    return missing


def _accepted_within_capacity(rng: np.random.Generator, arrival: np.ndarray, nights: np.ndarray, rooms: np.ndarray, capacity: int) -> np.ndarray:
    """Which requests the hotel accepts: on a night where demand exceeds capacity, each request
    staying that night is accepted with probability capacity / demand (its worst night counts).
    Full nights end near capacity, and by chance sometimes a little above: occasional overbooking."""
    starts = np.cumsum(nights) - nights
    night_index = (np.repeat(arrival - arrival.min(), nights) + np.arange(nights.sum()) - np.repeat(starts, nights)).astype("int64")
    demand = np.bincount(night_index, weights=np.repeat(rooms, nights))
    accept_night = np.minimum(1.0, capacity / np.maximum(demand, 1.0))
    return rng.random(arrival.size) < np.minimum.reduceat(accept_night[night_index], starts)


def _reservations(ctx: GenContext, rng: np.random.Generator, hotel: HotelProfile) -> pd.DataFrame:
    """Every reservation of one hotel whose stay overlaps the history or the next year, booked by the end date."""
    capacity = _capacity(hotel, ctx.scale)
    # Arrivals from a month before the first extract (guests in house on day one) to a year after the last.
    arrival_days = np.arange(np.datetime64(ctx.start_date) - 30, np.datetime64(ctx.end_date) + 366, dtype="datetime64[D]")
    rooms_per_booking, nights_per_stay = 1.15, 2.6
    net_share = 1 - CANCEL_RATE - NO_SHOW_RATE
    rate = capacity * TARGET_OCCUPANCY * seasonal_factor(arrival_days, list(hotel.weekday), list(hotel.month)) / (rooms_per_booking * nights_per_stay * net_share)
    if hotel.hotel_id == SOFT_HOTEL:
        soft_month = np.datetime64(ctx.end_date, "M") - SOFT_MONTH_BEFORE_END
        rate = np.where(arrival_days.astype("datetime64[M]") == soft_month, rate * SOFT_FACTOR, rate)
    counts = rng.poisson(rate)
    n = int(counts.sum())
    arrival = np.repeat(arrival_days, counts)
    # Mostly short stays (geometric, mean 2) and some week-long holidays.
    nights = np.minimum(rng.geometric(0.5, n) + rng.binomial(1, 0.3, n) * rng.integers(0, 5, n), 14)
    rooms = np.where(rng.random(n) < 0.9, 1, rng.integers(2, 5, n))
    lead_days = np.minimum(rng.lognormal(np.log(7), 1.1, n).astype("int64"), 300)
    created = (arrival - lead_days).astype("datetime64[s]") + rng.integers(6 * 3600, 23 * 3600, n).astype("timedelta64[s]")
    keep = created.astype("datetime64[D]") <= np.datetime64(ctx.end_date)  # not yet booked by the end date
    arrival, nights, rooms, lead_days, created = arrival[keep], nights[keep], rooms[keep], lead_days[keep], created[keep]
    roll = rng.random(arrival.size)
    is_cancelled = roll < CANCEL_RATE
    is_no_show = (roll >= CANCEL_RATE) & (roll < CANCEL_RATE + NO_SHOW_RATE)
    staying_rooms = np.where(is_cancelled | is_no_show, 0, rooms)
    accepted = np.ones(arrival.size, dtype=bool)
    for _ in range(2):  # a second pass trims the nights the first left well over capacity
        accepted &= _accepted_within_capacity(rng, arrival, nights, staying_rooms * accepted, capacity)
    arrival, nights, rooms, lead_days, created = arrival[accepted], nights[accepted], rooms[accepted], lead_days[accepted], created[accepted]
    is_cancelled, is_no_show = is_cancelled[accepted], is_no_show[accepted]
    n = arrival.size
    # Early bookings and weekends-in-season pay more; a little noise per booking.
    season = seasonal_factor(arrival, list(hotel.weekday), list(hotel.month))
    nightly = hotel.base_rate * season ** 0.8 * (1 + 0.1 * np.minimum(lead_days, 60) / 60) * rng.lognormal(0, 0.12, n)
    booked_seconds = (arrival.astype("datetime64[s]") - created).astype("int64")
    cancelled_at = created + (rng.random(n) * np.maximum(booked_seconds, 1)).astype("timedelta64[s]")
    return pd.DataFrame(
        {
            "reservation_id": ids(f"{hotel.hotel_id}-R", np.arange(n), 8),
            "arrival_date": arrival,
            "departure_date": arrival + nights.astype("timedelta64[D]"),
            "rooms": rooms,
            "room_revenue": np.round(nightly * nights * rooms, 2),
            "created_at": created,
            "cancelled_at": np.where(is_cancelled, cancelled_at, np.datetime64("NaT")),
            "is_no_show": is_no_show,
            "segment": rng.choice(SEGMENTS, n, p=[0.55, 0.2, 0.1, 0.15]),
            "channel": rng.choice(CHANNELS, n, p=[0.25, 0.2, 0.4, 0.1, 0.05]),
        }
    )


def _extract_rows(ctx: GenContext, hotel_id: str, res: pd.DataFrame, missing: np.ndarray) -> pa.Table:
    """One row per reservation and extract it appears in, with its status as of that night."""
    first, last = np.datetime64(ctx.start_date), np.datetime64(ctx.end_date)
    created_day = res["created_at"].to_numpy().astype("datetime64[D]")
    departure = res["departure_date"].to_numpy().astype("datetime64[D]")
    listed_from = np.maximum(created_day, first)
    listed_to = np.minimum(departure, last)  # on the departure night it shows as checked out
    spans = np.maximum((listed_to - listed_from).astype("int64") + 1, 0)
    row_res = np.repeat(np.arange(len(res)), spans)
    as_of = np.repeat(listed_from, spans) + (np.arange(spans.sum()) - np.repeat(np.cumsum(spans) - spans, spans)).astype("timedelta64[D]")
    present = ~missing[(as_of - first).astype("int64")]
    row_res, as_of = row_res[present], as_of[present]

    arrival = res["arrival_date"].to_numpy().astype("datetime64[D]")[row_res]
    cancelled_at = res["cancelled_at"].to_numpy().astype("datetime64[s]")[row_res]
    is_cancelled = cancelled_at.astype("datetime64[D]") <= as_of  # NaT compares False
    status = np.where(as_of < arrival, 0, np.where(as_of < departure[row_res], 1, 2))
    status = np.where(res["is_no_show"].to_numpy()[row_res] & (as_of >= arrival), 4, status)
    status = np.where(is_cancelled, 3, status)
    return pa.table(
        {
            "as_of_date": pa.array(as_of),
            "hotel_id": pa.array(np.full(as_of.size, hotel_id, dtype=object)),
            "reservation_id": pa.array(res["reservation_id"].to_numpy()[row_res]),
            "status": pa.array(STATUSES[status]),
            "arrival_date": pa.array(arrival),
            "departure_date": pa.array(departure[row_res]),
            "rooms": pa.array(res["rooms"].to_numpy()[row_res]),
            "room_revenue": pa.array(res["room_revenue"].to_numpy()[row_res]),
            "created_at": pa.array(res["created_at"].to_numpy().astype("datetime64[s]")[row_res]),
            "cancelled_at": pa.array(np.where(is_cancelled, cancelled_at, np.datetime64("NaT")), from_pandas=True),
            "segment": pa.array(res["segment"].to_numpy()[row_res]),
            "channel": pa.array(res["channel"].to_numpy()[row_res]),
            # The nightly load picks the extract up at 02:00 UTC the next morning.
            "_loaded_at": pa.array(as_of.astype("datetime64[s]") + np.timedelta64(26, "h")),
        }
    )


def _as_text(table: pa.Table) -> pa.Table:
    """Every column as text (the CSV contract), so that bad rows can carry any value."""
    return pa.table({name: pc.cast(col, pa.string()) for name, col in zip(table.column_names, table.columns, strict=True)})


def _bad_extract_rows(sample: pa.Table, rng: np.random.Generator) -> pd.DataFrame:
    """The deliberately bad extract rows the staging layer must quarantine (see the contract)."""
    pick = _as_text(sample).to_pandas().iloc[rng.choice(sample.num_rows, 10, replace=False)].reset_index(drop=True)
    return pd.concat(
        [
            pick.iloc[[0]],  # exact duplicate of a real row: duplicate_key
            pick.iloc[[1]].assign(reservation_id=None),  # null_key
            pick.iloc[[2]].assign(reservation_id="BAD-STATUS", status="tentative"),  # invalid_enum
            pick.iloc[[3]].assign(reservation_id="BAD-ARRIVAL", arrival_date="2025-02-30"),  # invalid_timestamp
            pick.iloc[[4]].assign(reservation_id="BAD-NIGHTS", departure_date=pick.iloc[4]["arrival_date"]),  # invalid_number
            pick.iloc[[5]].assign(reservation_id="BAD-ROOMS", rooms="0"),  # invalid_number
            pick.iloc[[6]].assign(reservation_id="BAD-REVENUE", room_revenue="-120.00"),  # invalid_number
            pick.iloc[[7]].assign(reservation_id="BAD-ORPHAN", hotel_id="H77"),  # orphan_key: no such hotel
            pick.iloc[[8]].assign(reservation_id="BAD-PARENT", hotel_id="H99"),  # parent_quarantined
            pick.iloc[[9]].assign(reservation_id="BAD-ASOF", as_of_date="2025-13-01"),  # invalid_timestamp
        ],
        ignore_index=True,
    )


def _write_extracts(ctx: GenContext, rng: np.random.Generator) -> int:
    """Write reservation_extracts chunk by chunk (it is by far the largest file); returns its row count."""
    folder = ctx.out_dir / SYSTEM
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"reservation_extracts.{ctx.fmt}"
    days = ctx.days()
    schema, writer, rows, sample = None, None, 0, None
    try:
        for hotel in HOTELS:
            missing = _missing_extract_days(rng, days)
            res = _reservations(ctx, rng, hotel)
            for start in range(0, len(res), RESERVATIONS_PER_CHUNK):
                table = _as_text(_extract_rows(ctx, hotel.hotel_id, res.iloc[start:start + RESERVATIONS_PER_CHUNK], missing))
                if writer is None:
                    schema = table.schema
                    writer = _writer(path, schema, ctx.fmt)
                    sample = table.slice(0, min(table.num_rows, 5000))
                writer.write_table(table)
                rows += table.num_rows
        bad = pa.Table.from_pandas(_bad_extract_rows(sample, rng), schema=schema, preserve_index=False)
        assert writer is not None, "the generator writes at least one chunk"
        writer.write_table(bad)
        rows += bad.num_rows
    finally:
        if writer is not None:
            writer.close()
    return rows


def _writer(path: Path, schema: pa.Schema, fmt: str) -> pq.ParquetWriter | pa_csv.CSVWriter:
    if fmt == "parquet":
        return pq.ParquetWriter(path, schema)
    return pa_csv.CSVWriter(path, schema, write_options=pa_csv.WriteOptions(quoting_style="needed"))


def generate(ctx: GenContext) -> dict[str, int]:
    rng = ctx.rng(SYSTEM)
    extract_rows = _write_extracts(ctx, rng)
    loaded = (pd.Timestamp(ctx.end_date) + pd.Timedelta(hours=26)).strftime("%Y-%m-%d %H:%M:%S")
    hotels = pd.DataFrame(
        {
            "hotel_id": [h.hotel_id for h in HOTELS],
            "hotel_name": [h.name for h in HOTELS],
            "capacity": [str(_capacity(h, ctx.scale)) for h in HOTELS],
            "timezone": [h.timezone for h in HOTELS],
            "_loaded_at": loaded,
        }
    )
    bad_hotels = pd.DataFrame(
        {
            "hotel_id": ["H01", "H99", None],  # duplicate_key, invalid_number, null_key
            "hotel_name": ["Harbour View Grand", "Closed Annex", "Unnamed"],
            "capacity": [hotels.loc[0, "capacity"], "forty", "12"],
            "timezone": ["America/New_York", "America/New_York", "UTC"],
            "_loaded_at": loaded,
        }
    )
    hotels = pd.concat([hotels, bad_hotels], ignore_index=True)
    write_table(ctx, SYSTEM, "hotels", hotels)
    return {"hotels": len(hotels), "reservation_extracts": extract_rows}
