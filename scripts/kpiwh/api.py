"""The read API of spec 001 (issue 12): current KPIs, trends, alerts, peer benchmarks and history.

Every call returns plain JSON-able data (numbers and classifications, dates as ISO strings, no
data as null) or a structured error `{"error": code, "message": ..., "field": ...}`; it never
raises on bad arguments. It reads only the published warehouse, read-only (docs/api.md).
Access tiers (seed kpi_access_tiers) are enforced here: baseline sees current values and
threshold alerts, standard adds trends and history, premium adds peer benchmarks.
"""
from __future__ import annotations

import functools
import os
import threading
from collections.abc import Callable, Sequence
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any, ParamSpec

import duckdb

Result = dict[str, Any]
P = ParamSpec("P")

GRAINS = ("day", "week", "month", "quarter", "year", "year_to_date", "rolling_7d", "rolling_30d")
TIERS = ("baseline", "standard", "premium")
MAX_PERIODS = 1000
# A history answer is for an agent, not a bulk extract (that is `kpiwh export`): past this it is cut and says so.
MAX_HISTORY_ROWS = 20_000
# Alerts that are trend projections rather than threshold breaches are trend analytics (spec 001: standard tier).
TRAJECTORY_TIER = "standard"

DASHBOARD_COLUMNS = ("kpi_id", "kpi_name", "tile", "spec_ref", "grain", "period_start", "period_end", "value", "sample_size", "unit",
                     "target_value", "target_min", "target_max", "status", "status_reason", "is_target_met", "is_trusted", "trust_note")
TREND_COLUMNS = ("period_start", "period_end", "value", "sample_size", "target_value", "red_below", "yellow_below", "yellow_above",
                 "red_above", "status", "status_reason")
BENCHMARK_COLUMNS = ("grain", "period_start", "period_end", "peer_count", "p25", "p50", "p75", "percentile_rank", "gap_to_median", "unit",
                     "is_suppressed")
# Withheld from a suppressed row even if the table carried them: with under k peers they would reveal a peer's value.
BENCHMARK_SUPPRESSIBLE = ("p25", "p50", "p75", "percentile_rank", "gap_to_median")
CORRELATION_COLUMNS = ("leading_kpi_id", "lagging_kpi_id", "grain", "best_lag_periods", "pearson_r", "pair_count", "expected_sign",
                       "leading_latest_value", "leading_window_median", "is_strong", "is_leading_degrading", "is_warning")
HISTORY_COLUMNS = ("kpi_id", "entity_type", "entity_id", "grain", "period_start", "period_end", "value", "sample_size", "unit", "target_value",
                   "status", "status_reason", "is_target_met", "as_of_date")


class ApiError(Exception):
    """A refusal: its dict is the call's answer."""

    def __init__(self, code: str, message: str, field: str | None = None, **details: Any) -> None:
        super().__init__(message)
        self.answer: Result = {"error": code, "message": message, "field": field, **details}


def _json(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, Decimal):
        return float(value)
    return value


def _records(cursor: duckdb.DuckDBPyConnection) -> list[Result]:
    names = [d[0] for d in cursor.description or []]
    return [{n: _json(v) for n, v in zip(names, row, strict=True)} for row in cursor.fetchall()]


def _answer(method: Callable[P, Result]) -> Callable[P, Result]:
    """Turn refusals and an unreadable warehouse into structured errors: a caller never sees a traceback."""

    @functools.wraps(method)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> Result:
        try:
            return method(*args, **kwargs)
        except ApiError as error:
            return error.answer
        except (duckdb.Error, OSError) as error:
            return {"error": "warehouse_unavailable", "message": str(error).splitlines()[0], "field": None}

    return wrapper


class Snapshot:
    """One published file: a connection to it and its small reference tables (catalog, entities, tiers), read once."""

    def __init__(self, path: Path) -> None:
        # A private in-memory database: duckdb.connect(path) would hand back the instance it cached for
        # that path, that is, the old file. One thread per query: these queries are small, and parallel
        # workers only add contention under concurrent callers.
        self.connection = duckdb.connect(config={"threads": 1})
        quoted = str(path).replace("'", "''")
        self.connection.execute(f"attach '{quoted}' as warehouse (read_only)")
        self.connection.execute("use warehouse")
        self.catalog = _records(self.connection.execute("select kpi_id, kpi_name, unit, dashboard_grain from kpi_catalog order by kpi_id"))
        self.entity_types: dict[str, list[str]] = {}
        for kind, ident in self.connection.execute("select distinct entity_type, entity_id from kpi_dashboard order by 1, 2").fetchall():
            self.entity_types.setdefault(ident, []).append(kind)
        self.tiers = {(t, i): tier for t, i, tier in self.connection.execute("select entity_type, entity_id, access_tier from kpi_access_tiers").fetchall()}
        self.tables = {r[0] for r in self.connection.execute("select table_name from information_schema.tables where table_catalog = 'warehouse'").fetchall()}

    def tier(self, entity: tuple[str, str]) -> str:
        """The entity's own row of kpi_access_tiers, else the default ('*', '*')."""
        return self.tiers.get(entity, self.tiers.get(("*", "*"), TIERS[0]))


class Warehouse:
    """Read-only access to the published DuckDB file that follows each publish.

    A publish os.replace()s the file, so a new inode means a new warehouse: a call stats the path
    (microseconds) and opens a new Snapshot when the inode changed. Calls already running keep their
    cursor on the old snapshot, whose open file still reads the old inode until its last cursor is
    dropped. Each thread keeps a cursor per snapshot: a DuckDB cursor is not shared between threads.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._key: tuple[int, int, int] | None = None
        self._snapshot: Snapshot | None = None
        self._local = threading.local()

    def snapshot(self) -> tuple[Snapshot, duckdb.DuckDBPyConnection]:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            raise ApiError("not_published", f"no published warehouse at {self.path}: run `kpiwh build`") from None
        key = (stat.st_dev, stat.st_ino, stat.st_mtime_ns)
        with self._lock:
            if self._snapshot is None or key != self._key:
                self._snapshot, self._key = Snapshot(self.path), key
            snapshot = self._snapshot
        if getattr(self._local, "snapshot", None) is not snapshot:
            cursor = snapshot.connection.cursor()
            cursor.execute("use warehouse")
            self._local.snapshot, self._local.cursor = snapshot, cursor
        return snapshot, self._local.cursor

    def cursor(self) -> duckdb.DuckDBPyConnection:
        return self.snapshot()[1]


def _periods(periods: Any) -> int:
    if isinstance(periods, bool) or not isinstance(periods, int) or not 1 <= periods <= MAX_PERIODS:
        raise ApiError("bad_argument", f"periods must be a whole number from 1 to {MAX_PERIODS}, got {periods!r}", "periods",
                       limit={"min": 1, "max": MAX_PERIODS})
    return periods


def _text(value: Any, field: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise ApiError("bad_argument", f"{field} must be a non-empty string, got {value!r}", field)
    return value.strip()


def _date(value: Any, field: str) -> str | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(_text(value, field)).isoformat()
    except ValueError:
        raise ApiError("bad_argument", f"{field} must be an ISO date (YYYY-MM-DD), got {value!r}", field) from None


def _grain(grain: Any) -> str | None:
    if grain is not None and grain not in GRAINS:
        raise ApiError("bad_argument", f"grain must be one of {', '.join(GRAINS)}, got {grain!r}", "grain", allowed=list(GRAINS))
    return grain


def _kpi(snapshot: Snapshot, kpi: Any, field: str = "kpi_id") -> Result:
    """The catalog row of a KPI named by its kpi_id or, case aside, its display name (spec 001 says kpi_name)."""
    name = _text(kpi, field)
    exact = [r for r in snapshot.catalog if r["kpi_id"] == name]
    rows = exact or [r for r in snapshot.catalog if (r["kpi_name"] or "").lower() == name.lower()]
    if not rows:
        raise ApiError("unknown_kpi", f"no KPI {name!r} in kpi_catalog (give a kpi_id such as sales.daily_revenue)", field)
    if len(rows) > 1:
        raise ApiError("ambiguous_kpi", f"{name!r} names several KPIs: give the kpi_id", field, candidates=[r["kpi_id"] for r in rows])
    return rows[0]


def _entity(snapshot: Snapshot, entity_id: Any, entity_type: Any, field: str = "entity_id") -> tuple[str, str]:
    """(entity_type, entity_id) of an entity the warehouse has KPIs for."""
    ident = _text(entity_id, field)
    kind = None if entity_type is None else _text(entity_type, "entity_type")
    types = [t for t in snapshot.entity_types.get(ident, []) if kind is None or t == kind]
    if not types:
        raise ApiError("unknown_entity", f"no KPIs for entity {ident!r}" + (f" of type {kind!r}" if kind else ""), field)
    if len(types) > 1:
        raise ApiError("ambiguous_entity", f"entity {ident!r} exists as several entity types: give entity_type", "entity_type",
                       entity_types=types)
    return types[0], ident


def has_tier(tier: str, required: str) -> bool:
    """Whether an access tier includes what `required` unlocks (tiers are ordered: baseline < standard < premium)."""
    return TIERS.index(tier) >= TIERS.index(required)


def _require(tier: str, required: str, entity: tuple[str, str]) -> None:
    if not has_tier(tier, required):
        raise ApiError("tier_required", f"{entity[0]} {entity[1]} has the {tier} tier; this call needs {required}", None,
                       required_tier=required, entity_tier=tier, entity_type=entity[0], entity_id=entity[1])


def history_query(kpi_id: str | None, entities: Sequence[tuple[str, str]] | None, start: str | None, end: str | None,
                  grain: str | None) -> tuple[str, list[Any]]:
    """kpi_values rows (values and statuses) of the filters, for the API and `kpiwh export`: SQL and parameters."""
    where: list[str] = ["true"]
    params: list[Any] = []
    if kpi_id is not None:
        where.append("kpi_id = ?")
        params.append(kpi_id)
    if entities is not None:
        where.append("(entity_type, entity_id) in (select unnest(?::varchar[]), unnest(?::varchar[]))")
        params += [[t for t, _ in entities], [i for _, i in entities]]
    if start is not None:
        where.append("period_start >= ?::date")
        params.append(start)
    if end is not None:
        where.append("period_end <= ?::date")
        params.append(end)
    if grain is not None:
        where.append("grain = ?")
        params.append(grain)
    sql = f"select {', '.join(HISTORY_COLUMNS)} from kpi_values where {' and '.join(where)} order by entity_type, entity_id, kpi_id, grain, period_start"
    return sql, params


class ReadApi:
    """The six calls of the read API on one published warehouse file."""

    def __init__(self, path: Path) -> None:
        self.warehouse = Warehouse(path)

    @_answer
    def kpi_dashboard(self, entity_id: str, entity_type: str | None = None) -> Result:
        """Current value of every KPI of an entity against its thresholds (every tier)."""
        snapshot, cur = self.warehouse.snapshot()
        entity = _entity(snapshot, entity_id, entity_type)
        kpis = _records(cur.execute(f"select {', '.join(DASHBOARD_COLUMNS)}, as_of_date from kpi_dashboard where entity_type = ? and entity_id = ? "
                                    "order by spec_ref, kpi_id", list(entity)))
        as_of = kpis[0]["as_of_date"]
        for row in kpis:
            del row["as_of_date"]
        return {"entity_type": entity[0], "entity_id": entity[1], "access_tier": snapshot.tier(entity), "as_of_date": as_of, "kpis": kpis}

    @_answer
    def kpi_trend(self, kpi_id: str, entity_id: str, grain: str | None = None, periods: int = 12, entity_type: str | None = None) -> Result:
        """The last `periods` periods of one series with the bands in force in each (standard tier).

        The filter names the whole sort key prefix of kpi_trend (entity_type, entity_id, kpi_id, grain),
        so DuckDB's zone maps skip every other row group.
        """
        count = _periods(periods)
        chosen_grain = _grain(grain)
        snapshot, cur = self.warehouse.snapshot()
        kpi = _kpi(snapshot, kpi_id)
        entity = _entity(snapshot, entity_id, entity_type)
        _require(snapshot.tier(entity), "standard", entity)
        chosen_grain = chosen_grain or kpi["dashboard_grain"]
        series = _records(cur.execute(
            f"select {', '.join(TREND_COLUMNS)} from kpi_trend where entity_type = ? and entity_id = ? and kpi_id = ? and grain = ? "
            "order by period_start desc limit ?", [*entity, kpi["kpi_id"], chosen_grain, count]))
        if not series:
            grains = [r[0] for r in cur.execute("select distinct grain from kpi_trend where entity_type = ? and entity_id = ? and kpi_id = ? order by 1",
                                                [*entity, kpi["kpi_id"]]).fetchall()]
            raise ApiError("no_series", f"{entity[1]} has no {chosen_grain} series of {kpi['kpi_id']}", "grain" if grains else "kpi_id",
                           available_grains=grains)
        return {"kpi_id": kpi["kpi_id"], "kpi_name": kpi["kpi_name"], "unit": kpi["unit"], "entity_type": entity[0], "entity_id": entity[1],
                "grain": chosen_grain, "series": series[::-1]}

    @_answer
    def kpi_alerts(self, entity_id: str | None = None, entity_type: str | None = None) -> Result:
        """Active exceptions by alert_rank, of one entity or of all; trajectory alerts only where the tier has trends."""
        snapshot, cur = self.warehouse.snapshot()
        entity = None if entity_id is None else _entity(snapshot, entity_id, entity_type)
        alerts = _records(cur.execute("select * from kpi_alerts where ? is null or (entity_type = ? and entity_id = ?) order by alert_rank",
                                      [entity and entity[1], entity and entity[0], entity and entity[1]]))
        withheld = [a for a in alerts if a["alert_type"] == "trajectory" and not has_tier(snapshot.tier((a["entity_type"], a["entity_id"])), TRAJECTORY_TIER)]
        shown = [a for a in alerts if a not in withheld]
        return {"entity_type": entity and entity[0], "entity_id": entity and entity[1], "alerts": shown,
                "withheld_trajectory_alerts": len(withheld), "withheld_require_tier": TRAJECTORY_TIER}

    @_answer
    def benchmark(self, kpi_id: str, profile: str, entity_id: str | None = None, entity_type: str | None = None, grain: str | None = None,
                  periods: int = 12) -> Result:
        """An entity's position among anonymised peers of a profile in the latest `periods` periods of each grain, or of one (premium tier).

        A benchmark is always relative to an entity (it is never its own peer), so the entity is required.
        Bounded like kpi_trend: a daily KPI's whole history is over a thousand rows, and an agent asks where
        the entity stands now.
        """
        chosen_profile = _text(profile, "profile")
        count, chosen_grain = _periods(periods), _grain(grain)
        snapshot, cur = self.warehouse.snapshot()
        if "kpi_benchmarks" not in snapshot.tables:
            raise ApiError("not_available", "kpi_benchmarks is not in the published warehouse yet", None, table="kpi_benchmarks")
        kpi = _kpi(snapshot, kpi_id)
        if entity_id is None:
            raise ApiError("bad_argument", "a benchmark places an entity among its peers: give entity_id", "entity_id")
        entity = _entity(snapshot, entity_id, entity_type)
        _require(snapshot.tier(entity), "premium", entity)
        columns = ", ".join(f"case when is_suppressed then null else {c} end as {c}" if c in BENCHMARK_SUPPRESSIBLE else c for c in BENCHMARK_COLUMNS)
        rows = _records(cur.execute(f"select {columns} from kpi_benchmarks where kpi_id = ? and profile = ? and entity_type = ? and entity_id = ? "
                                    "and (?::varchar is null or grain = ?) "
                                    "qualify row_number() over (partition by grain order by period_start desc) <= ? order by grain, period_start",
                                    [kpi["kpi_id"], chosen_profile, *entity, chosen_grain, chosen_grain, count]))
        if not rows:
            profiles = [r[0] for r in cur.execute("select distinct profile from kpi_benchmarks where kpi_id = ? and entity_type = ? and entity_id = ? "
                                                  "order by 1", [kpi["kpi_id"], *entity]).fetchall()]
            raise ApiError("unknown_profile", f"no {chosen_profile!r} benchmark of {kpi['kpi_id']} for {entity[1]}", "profile",
                           available_profiles=profiles)
        return {"kpi_id": kpi["kpi_id"], "profile": chosen_profile, "entity_type": entity[0], "entity_id": entity[1], "benchmarks": rows}

    @_answer
    def kpi_correlations(self, entity_id: str, kpi_id: str | None = None, entity_type: str | None = None) -> Result:
        """Leading -> lagging pairs of an entity at their best lag, warnings first (standard tier).

        A warning (is_warning) is a leading KPI degrading while the pair's correlation is strong: what is
        likely to follow. With kpi_id, only the pairs the KPI leads or lags.
        """
        snapshot, cur = self.warehouse.snapshot()
        kpi = None if kpi_id is None else _kpi(snapshot, kpi_id)
        entity = _entity(snapshot, entity_id, entity_type)
        _require(snapshot.tier(entity), "standard", entity)
        chosen = kpi and kpi["kpi_id"]
        rows = _records(cur.execute(
            f"select {', '.join(CORRELATION_COLUMNS)} from kpi_correlations where entity_type = ? and entity_id = ? "
            "and (?::varchar is null or ? in (leading_kpi_id, lagging_kpi_id)) order by is_warning desc, leading_kpi_id, lagging_kpi_id",
            [*entity, chosen, chosen]))
        return {"entity_type": entity[0], "entity_id": entity[1], "kpi_id": chosen, "correlations": rows}

    @_answer
    def kpi_history(self, kpi_id: str | None = None, entity_ids: Sequence[str] | None = None, start: str | None = None, end: str | None = None,
                    grain: str | None = None) -> Result:
        """Values and statuses of every period from kpi_values, filtered (standard tier for every entity asked for)."""
        first, last, chosen_grain = _date(start, "start"), _date(end, "end"), _grain(grain)
        if first and last and first > last:
            raise ApiError("bad_argument", f"start {first} is after end {last}", "start")
        if entity_ids is not None and (isinstance(entity_ids, str) or not entity_ids):
            raise ApiError("bad_argument", "entity_ids must be a non-empty list of entity ids", "entity_ids")
        snapshot, cur = self.warehouse.snapshot()
        kpi = None if kpi_id is None else _kpi(snapshot, kpi_id)
        if entity_ids is None:
            entities = sorted((t, i) for i, types in snapshot.entity_types.items() for t in types)
        else:
            entities = [_entity(snapshot, e, None, "entity_ids") for e in dict.fromkeys(_text(e, "entity_ids") for e in entity_ids)]
        below = [{"entity_type": t, "entity_id": i, "entity_tier": snapshot.tier((t, i))} for t, i in entities
                 if not has_tier(snapshot.tier((t, i)), "standard")]
        if below:
            raise ApiError("tier_required", f"history needs the standard tier; {len(below)} of the entities asked for have less", "entity_ids",
                           required_tier="standard", entity_tier=below[0]["entity_tier"], entities_below=below)
        sql, params = history_query(None if kpi is None else kpi["kpi_id"], entities, first, last, chosen_grain)
        rows = _records(cur.execute(f"{sql} limit ?", [*params, MAX_HISTORY_ROWS + 1]))
        return {"kpi_id": kpi and kpi["kpi_id"], "start": first, "end": last, "grain": chosen_grain, "rows": rows[:MAX_HISTORY_ROWS],
                "truncated": len(rows) > MAX_HISTORY_ROWS, "row_limit": MAX_HISTORY_ROWS}
