"""The hotel generator produces what the issue asks for: deterministic, >2 years of extracts with
gaps (runs included), several hotel sizes, multi-room stays, cancellations, no-shows, occasional
overbooking, and one bad row of each kind the contract lists."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import duckdb
import pytest

from kpiwh.generate import generate

END = date(2026, 11, 20)


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("hotel_gen")
    generate(out, END, 1.0, 7, "csv", ["hotel"])
    return out / "hotel"


def sql(raw: Path, query: str) -> list[tuple]:
    con = duckdb.connect()
    con.execute(f"create view x as select * from read_csv('{raw}/reservation_extracts.csv', header = true, all_varchar = true)")
    con.execute(f"create view h as select * from read_csv('{raw}/hotels.csv', header = true, all_varchar = true)")
    con.execute("create view clean as select * from x where reservation_id not like 'BAD-%' and reservation_id is not null and hotel_id in ('H01', 'H02', 'H03', 'H04')")
    return con.execute(query).fetchall()


def test_deterministic(raw, tmp_path):
    generate(tmp_path, END, 1.0, 7, "csv", ["hotel"])
    for table in ("hotels", "reservation_extracts"):
        assert (tmp_path / "hotel" / f"{table}.csv").read_bytes() == (raw / f"{table}.csv").read_bytes()


def test_volume_and_span(raw):
    rows, first, last = sql(raw, "select count(*), min(cast(as_of_date as date)), max(cast(as_of_date as date)) from clean")[0]
    assert 100_000 < rows < 400_000  # `make run` stays fast
    assert (first, last) == (date(2024, 1, 1), END)
    capacities = sorted(int(c) for (c,) in sql(raw, "select capacity from h where hotel_id in ('H01', 'H02', 'H03', 'H04')"))
    assert len(set(capacities)) == 4


def test_missing_extracts_include_multi_day_runs(raw):
    gaps = sql(
        raw,
        """
        with days as (select distinct hotel_id, cast(as_of_date as date) as d from clean),
        next_day as (select hotel_id, d, lead(d) over (partition by hotel_id order by d) as n from days)
        select hotel_id, count(*) filter (where n - d > 1), max(n - d) - 1 from next_day group by hotel_id
        """,
    )
    for _, gap_count, longest_run in gaps:
        assert gap_count >= 5 and longest_run >= 3


def test_bookings_are_realistic(raw):
    statuses = dict(sql(raw, "select status, count(*) from clean group by status"))
    assert set(statuses) == {"confirmed", "checked_in", "checked_out", "cancelled", "no_show"}
    multi_room, long_lead = sql(
        raw,
        "select avg(case when cast(rooms as int) > 1 then 1 else 0 end), "
        "max(cast(arrival_date as date) - cast(cast(created_at as timestamp) as date)) from clean",
    )[0]
    assert 0.03 < multi_room < 0.3 and long_lead > 120


def test_some_nights_are_overbooked(raw):
    # Rooms on the books for the extract's own night (guests in house), per hotel, vs capacity.
    overbooked = sql(
        raw,
        """
        with tonight as (
            select hotel_id, as_of_date, sum(cast(rooms as int)) as rooms from clean
            where status in ('confirmed', 'checked_in')
              and cast(arrival_date as date) <= cast(as_of_date as date)
              and cast(departure_date as date) > cast(as_of_date as date)
            group by all)
        select count(*) filter (where rooms > cast(h.capacity as int)), count(*)
        from tonight join h using (hotel_id)
        """,
    )[0]
    assert 0 < overbooked[0] < 0.1 * overbooked[1]


def test_one_bad_row_of_each_kind(raw):
    bad = {r for (r,) in sql(raw, "select reservation_id from x where reservation_id like 'BAD-%'")}
    assert bad == {"BAD-STATUS", "BAD-ARRIVAL", "BAD-NIGHTS", "BAD-ROOMS", "BAD-REVENUE", "BAD-ORPHAN", "BAD-PARENT", "BAD-ASOF"}
    assert sql(raw, "select count(*) from x where reservation_id is null")[0][0] == 1
    assert sql(raw, "select count(*) from h")[0][0] == 7  # 4 hotels + duplicate, bad capacity, null id


def test_soft_month_and_targets_seed(raw):
    """The scripted soft month: H01's room nights of October 2026 (last extract listing each stay,
    cancellations and no-shows out) fall well below October 2025's, while H02's do not; and the
    hotel_targets seed has a budget for every hotel and month, RevPAR = occupancy x ADR."""
    nights = dict(sql(raw, """
        with last_seen as (
            select hotel_id, reservation_id, arg_max(status, cast(as_of_date as date)) as status,
                   any_value(cast(arrival_date as date)) as arrival, any_value(cast(rooms as int)) as rooms
            from clean group by 1, 2)
        select hotel_id || ':' || strftime(arrival, '%Y-%m'), sum(rooms)
        from last_seen where status not in ('cancelled', 'no_show') and month(arrival) = 10 group by 1"""))
    assert nights["H01:2026-10"] < 0.85 * nights["H01:2025-10"]
    assert nights["H02:2026-10"] > 0.85 * nights["H02:2025-10"]
    seed = Path(__file__).resolve().parents[2] / "seeds" / "hotel" / "hotel_targets.csv"
    targets = duckdb.connect().execute(
        "select hotel_id, count(*), max(abs(target_revpar_usd - target_occupancy_pct / 100 * target_adr_usd))"
        f" from read_csv('{seed}', header = true) group by 1 order by 1").fetchall()
    assert [(h, n) for h, n, _ in targets] == [("H01", 12), ("H02", 12), ("H03", 12), ("H04", 12)]
    assert max(err for _, _, err in targets) < 0.01
