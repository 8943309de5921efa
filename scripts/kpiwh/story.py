"""Does the default data tell a believable story? The three figures of issue 11 item 5, from a built warehouse.

A series is one KPI x entity at the KPI's dashboard grain (catalog dashboard_grain). The window is the
last WINDOW_DAYS days up to as_of: the periods whose period_end falls in [as_of - 89 days, as_of].

(a) chronic alarms: of the series judged (GREEN, YELLOW or RED) on at least one period of the window,
    the share RED or YELLOW on more than half of their judged periods (bound <= 5 %);
(b) constant series: of the series with at least two non-null values in the window, the share whose
    value never changes (bound <= 10 %);
(c) current mix: of the kpi_dashboard rows that are judged, the share RED (<= 10 %) and YELLOW (<= 20 %).

Exit code 0 when every bound holds, 1 otherwise.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

import duckdb

WINDOW_DAYS = 90
CHRONIC_MAX = 0.05
CONSTANT_MAX = 0.10
RED_MAX = 0.10
YELLOW_MAX = 0.20
JUDGED = ("GREEN", "YELLOW", "RED")

SeriesKey = tuple[str, str, str]  # kpi_id, entity_type, entity_id

SERIES_SQL = """
with window_rows as (
    select v.kpi_id, v.entity_type, v.entity_id, v.status, v.value
    from kpi_values as v
    inner join kpi_catalog as c
        on v.kpi_id = c.kpi_id and v.grain = c.dashboard_grain
    where v.period_end between ? and ?
)
select
    kpi_id, entity_type, entity_id,
    count(*) filter (where status in ('GREEN', 'YELLOW', 'RED')) as judged,
    count(*) filter (where status in ('YELLOW', 'RED')) as alarms,
    count(*) filter (where status = 'RED') as reds,
    count(value) as non_null,
    count(distinct value) as distinct_values,
    min(value) as min_value
from window_rows
group by kpi_id, entity_type, entity_id
order by kpi_id, entity_type, entity_id
"""


@dataclass(frozen=True)
class Series:
    key: SeriesKey
    judged: int
    alarms: int
    reds: int
    non_null: int
    distinct_values: int
    value: float | None

    @property
    def is_chronic(self) -> bool:
        return self.judged > 0 and self.alarms * 2 > self.judged

    @property
    def is_constant(self) -> bool:
        return self.non_null >= 2 and self.distinct_values == 1


@dataclass
class Story:
    as_of: date
    window_start: date
    judged_series: int
    chronic: list[Series] = field(default_factory=list)
    valued_series: int = 0
    constant: list[Series] = field(default_factory=list)
    dashboard_judged: int = 0
    dashboard_red: int = 0
    dashboard_yellow: int = 0

    @staticmethod
    def share(part: int, whole: int) -> float:
        return part / whole if whole else 0.0

    @property
    def chronic_share(self) -> float:
        return self.share(len(self.chronic), self.judged_series)

    @property
    def constant_share(self) -> float:
        return self.share(len(self.constant), self.valued_series)

    @property
    def red_share(self) -> float:
        return self.share(self.dashboard_red, self.dashboard_judged)

    @property
    def yellow_share(self) -> float:
        return self.share(self.dashboard_yellow, self.dashboard_judged)

    def checks(self) -> list[tuple[str, float, float]]:
        return [
            ("chronic alarms", self.chronic_share, CHRONIC_MAX),
            ("constant series", self.constant_share, CONSTANT_MAX),
            ("current RED", self.red_share, RED_MAX),
            ("current YELLOW", self.yellow_share, YELLOW_MAX),
        ]

    @property
    def passed(self) -> bool:
        return all(value <= bound for _, value, bound in self.checks())


def measure(db_path: Path, as_of: date | None = None) -> Story:
    """The figures of the warehouse at db_path (opened read-only); as_of defaults to kpi_values.as_of_date."""
    with duckdb.connect(str(db_path), read_only=True) as con:
        if as_of is None:
            row = con.execute("select max(as_of_date) from kpi_values").fetchone()
            if row is None or row[0] is None:
                raise ValueError(f"{db_path}: kpi_values has no as_of_date")
            as_of = row[0] if isinstance(row[0], date) else date.fromisoformat(str(row[0]))
        start = as_of - timedelta(days=WINDOW_DAYS - 1)
        series = [
            Series((r[0], r[1], r[2]), int(r[3]), int(r[4]), int(r[5]), int(r[6]), int(r[7]), r[8])
            for r in con.execute(SERIES_SQL, [start, as_of]).fetchall()
        ]
        mix = con.execute(
            "select count(*) filter (where status in ('GREEN', 'YELLOW', 'RED')),"
            " count(*) filter (where status = 'RED'), count(*) filter (where status = 'YELLOW') from kpi_dashboard"
        ).fetchone()
    assert mix is not None
    judged = [s for s in series if s.judged > 0]
    valued = [s for s in series if s.non_null >= 2]
    return Story(
        as_of=as_of,
        window_start=start,
        judged_series=len(judged),
        chronic=[s for s in judged if s.is_chronic],
        valued_series=len(valued),
        constant=[s for s in valued if s.is_constant],
        dashboard_judged=int(mix[0]),
        dashboard_red=int(mix[1]),
        dashboard_yellow=int(mix[2]),
    )


def render(story: Story, show_lists: bool = True) -> str:
    def verdict(value: float, bound: float) -> str:
        return "PASS" if value <= bound else "FAIL"

    lines = [
        f"story of the data as of {story.as_of} (periods ending {story.window_start}..{story.as_of}, dashboard grain)",
        f"  (a) chronic alarms : {len(story.chronic):>4} of {story.judged_series:>4} judged series"
        f" = {story.chronic_share:6.1%}  (bound <= {CHRONIC_MAX:.0%})  {verdict(story.chronic_share, CHRONIC_MAX)}",
        f"  (b) constant series: {len(story.constant):>4} of {story.valued_series:>4} series with >= 2 values"
        f" = {story.constant_share:6.1%}  (bound <= {CONSTANT_MAX:.0%})  {verdict(story.constant_share, CONSTANT_MAX)}",
        f"  (c) current RED    : {story.dashboard_red:>4} of {story.dashboard_judged:>4} judged dashboard rows"
        f" = {story.red_share:6.1%}  (bound <= {RED_MAX:.0%})  {verdict(story.red_share, RED_MAX)}",
        f"      current YELLOW : {story.dashboard_yellow:>4} of {story.dashboard_judged:>4} judged dashboard rows"
        f" = {story.yellow_share:6.1%}  (bound <= {YELLOW_MAX:.0%})  {verdict(story.yellow_share, YELLOW_MAX)}",
        f"  overall: {'PASS' if story.passed else 'FAIL'}",
    ]
    if show_lists:
        lines.append(f"chronic series ({len(story.chronic)}): kpi, entity, alarm periods / judged periods")
        lines += [f"  {s.key[0]:<45} {s.key[1]}:{s.key[2]:<12} {s.alarms}/{s.judged} (RED {s.reds})" for s in story.chronic]
        lines.append(f"constant series ({len(story.constant)}): kpi, entity, value, periods")
        lines += [f"  {s.key[0]:<45} {s.key[1]}:{s.key[2]:<12} {s.value} x{s.non_null}" for s in story.constant]
    return "\n".join(lines)
