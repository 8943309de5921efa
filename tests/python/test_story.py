"""kpiwh story: the three figures of issue 11 item 5 on a tiny hand-made warehouse, counted by hand."""
from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import duckdb
import pytest

from kpiwh import story
from kpiwh.cli import main

AS_OF = date(2026, 11, 20)


def _day(offset: int) -> date:
    return AS_OF - timedelta(days=offset)


def _build(path: Path, dashboard_statuses: list[str]) -> None:
    """Series (at the dashboard grain unless said otherwise), window = periods ending 2026-08-23..2026-11-20:

    k.day   E1 : 4 days, RED RED YELLOW GREEN, values 1 2 3 4      -> judged, chronic (3 of 4), moves
    k.day   E2 : 4 days, RED RED GREEN GREEN, values 5 5 5 5       -> judged, not chronic (2 of 4 is not more than half), constant
    k.day   E3 : 2 days NO_DATA, values 7 7                        -> not judged, constant
    k.day   E4 : 1 day GREEN in the window (value 9); 3 RED days before it (offset 95..97) -> judged, not chronic, 1 value only
    k.month E1 : 2 months INFO, values 10 11                       -> not judged, moves
    k.month E1 : also 2 rows at grain 'day' (not its dashboard grain), RED, value 3 3 -> ignored
    k.week  E1 : 3 weeks YELLOW YELLOW GREEN, values NULL 8 8      -> judged, chronic, constant (2 non-null equal values)
    Judged series: k.day E1, E2, E4, k.week E1 = 4; chronic: k.day E1, k.week E1 = 2 -> 50 %.
    Series with >= 2 values: k.day E1, E2, E3, k.month E1, k.week E1 = 5; constant: E2, E3, k.week E1 = 3 -> 60 %.
    """
    rows: list[tuple[str, str, str, date, float | None, str, date]] = []

    def add(kpi: str, grain: str, entity: str, statuses: list[str], values: list[float | None], offsets: list[int]) -> None:
        for status, value, offset in zip(statuses, values, offsets, strict=True):
            rows.append((kpi, grain, entity, _day(offset), value, status, AS_OF))

    add("k.day", "day", "E1", ["RED", "RED", "YELLOW", "GREEN"], [1, 2, 3, 4], [0, 1, 2, 3])
    add("k.day", "day", "E2", ["RED", "RED", "GREEN", "GREEN"], [5, 5, 5, 5], [0, 1, 2, 89])
    add("k.day", "day", "E3", ["NO_DATA", "NO_DATA"], [7, 7], [0, 1])
    add("k.day", "day", "E4", ["GREEN", "RED", "RED", "RED"], [9, 1, 2, 3], [0, 95, 96, 97])
    add("k.month", "month", "E1", ["INFO", "INFO"], [10, 11], [0, 30])
    add("k.month", "day", "E1", ["RED", "RED"], [3, 3], [0, 1])
    add("k.week", "week", "E1", ["YELLOW", "YELLOW", "GREEN"], [None, 8, 8], [0, 7, 14])
    with duckdb.connect(str(path)) as con:
        con.execute("create table kpi_catalog (kpi_id varchar, dashboard_grain varchar)")
        con.execute("insert into kpi_catalog values ('k.day', 'day'), ('k.month', 'month'), ('k.week', 'week')")
        con.execute(
            "create table kpi_values (kpi_id varchar, grain varchar, entity_type varchar, entity_id varchar,"
            " period_end date, value double, status varchar, as_of_date date)"
        )
        con.executemany(
            "insert into kpi_values (kpi_id, grain, entity_id, period_end, value, status, as_of_date, entity_type)"
            " values (?, ?, ?, ?, ?, ?, ?, 'x')",
            rows,
        )
        con.execute("create table kpi_dashboard (kpi_id varchar, entity_id varchar, status varchar)")
        con.executemany("insert into kpi_dashboard values ('k', ?, ?)", [(str(i), s) for i, s in enumerate(dashboard_statuses)])


def test_figures_counted_by_hand(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    # 10 judged rows: 1 RED (10 %), 2 YELLOW (20 %); INFO and NO_DATA rows are not in the denominator.
    _build(db, ["RED", "YELLOW", "YELLOW"] + ["GREEN"] * 7 + ["INFO", "NO_DATA", "INFO"])
    s = story.measure(db)
    assert s.as_of == AS_OF and s.window_start == date(2026, 8, 23)
    assert s.judged_series == 4
    assert sorted(c.key for c in s.chronic) == [("k.day", "x", "E1"), ("k.week", "x", "E1")]
    assert s.chronic_share == pytest.approx(0.5)
    assert s.valued_series == 5
    assert sorted(c.key for c in s.constant) == [("k.day", "x", "E2"), ("k.day", "x", "E3"), ("k.week", "x", "E1")]
    assert s.constant_share == pytest.approx(0.6)
    assert (s.dashboard_judged, s.dashboard_red, s.dashboard_yellow) == (10, 1, 2)
    assert s.red_share == pytest.approx(0.1) and s.yellow_share == pytest.approx(0.2)
    assert not s.passed  # chronic and constant shares are far over their bounds
    text = story.render(s)
    assert "chronic series (2)" in text and "constant series (3)" in text and "overall: FAIL" in text


def test_window_end_is_as_of(tmp_path: Path) -> None:
    db = tmp_path / "w.duckdb"
    _build(db, ["GREEN"])
    # Window ending 2026-08-17 (offset 95): only k.day E4's RED days (offsets 95..97, values 1 2 3) fall in it;
    # k.day E2's offset 89 (2026-08-23) is after its end.
    s = story.measure(db, _day(95))
    assert s.judged_series == 1 and [c.key for c in s.chronic] == [("k.day", "x", "E4")]
    assert s.valued_series == 1 and s.constant == []


def test_cli_exit_codes(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failing = tmp_path / "fail.duckdb"
    _build(failing, ["GREEN"])
    assert main(["story", "--db", str(failing)]) == 1
    assert "overall: FAIL" in capsys.readouterr().out

    passing = tmp_path / "pass.duckdb"
    with duckdb.connect(str(passing)) as con:
        con.execute("create table kpi_catalog (kpi_id varchar, dashboard_grain varchar)")
        con.execute("insert into kpi_catalog values ('k', 'day')")
        con.execute(
            "create table kpi_values (kpi_id varchar, grain varchar, entity_type varchar, entity_id varchar,"
            " period_end date, value double, status varchar, as_of_date date)"
        )
        con.execute(
            "insert into kpi_values values ('k', 'day', 'x', 'E1', ?, 1, 'GREEN', ?), ('k', 'day', 'x', 'E1', ?, 2, 'RED', ?)",
            [AS_OF, AS_OF, _day(1), AS_OF],
        )
        con.execute("create table kpi_dashboard (kpi_id varchar, entity_id varchar, status varchar)")
        con.execute("insert into kpi_dashboard values ('k', 'E1', 'GREEN')")
    # 1 RED of 2 judged is not more than half; two different values; dashboard all GREEN.
    assert main(["story", "--db", str(passing), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "overall: PASS" in out and "chronic series" not in out
