"""What the dashboard's pages show, read from the published warehouse (read-only) on every page load.

Each loader is registered in Vizro's data manager as dynamic data: it runs when a page loads, so a
reload after a publish shows the new warehouse. Reads go through the read API's `Warehouse`, which
opens a new read-only snapshot when a publish swapped the file and never touches the working file.
"""
from __future__ import annotations

import base64
import json
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from kpiwh.api import BENCHMARK_SUPPRESSIBLE, Warehouse, has_tier
from kpiwh.dashboard import format_target, format_value

# The KPI tiles of each page: spec prefix of kpi_catalog.spec_ref and the entity type judged.
STOREFRONT, RETAIL, CLASSICMODELS, HOTEL = "000:", "001:", "002:", "003:"
# How many periods a sparkline and a trend chart show.
SPARK_PERIODS = 30
TREND_PERIODS = 90
DETAIL_PAGE = "/kpi-detail"
DETAIL_CONTROL = "kpi"

# Country centroids (latitude, longitude) for the Classic Models bubble map: plotly's world
# outlines come from a CDN, which an offline dashboard cannot reach, so the map is drawn on bare
# axes of longitude and latitude.
COUNTRY_CENTROIDS = {
    "Australia": (-25.3, 133.8), "Austria": (47.5, 14.6), "Belgium": (50.5, 4.5), "Canada": (56.1, -106.3), "Denmark": (56.3, 9.5),
    "Finland": (61.9, 25.7), "France": (46.2, 2.2), "Germany": (51.2, 10.5), "Hong Kong": (22.3, 114.2), "Ireland": (53.4, -8.2),
    "Israel": (31.0, 34.9), "Italy": (41.9, 12.6), "Japan": (36.2, 138.3), "Netherlands": (52.1, 5.3), "New Zealand": (-40.9, 174.9),
    "Norway": (60.5, 8.5), "Philippines": (12.9, 121.8), "Poland": (51.9, 19.1), "Portugal": (39.4, -8.2), "Russia": (61.5, 105.3),
    "Singapore": (1.35, 103.8), "South Africa": (-30.6, 22.9), "Spain": (40.5, -3.7), "Sweden": (60.1, 18.6), "Switzerland": (46.8, 8.2),
    "UK": (55.4, -3.4), "USA": (37.1, -95.7),
}
_warehouse: Warehouse | None = None


def _recent_trend(where: str) -> str:
    """kpi_trend rows at each KPI's dashboard grain matching `where`, the last `?` periods of each series.

    Its parameters are those of `where`, then the number of periods.
    """
    return f"""
        select catalog.kpi_name, trend.*
        from kpi_trend as trend
        inner join kpi_catalog as catalog
            on trend.kpi_id = catalog.kpi_id and trend.grain = catalog.dashboard_grain
        where {where}
        qualify row_number() over (partition by trend.entity_type, trend.entity_id, trend.kpi_id order by trend.period_start desc) <= ?
    """


def configure(path: Path) -> None:
    """Point every loader at one published warehouse file."""
    global _warehouse
    _warehouse = Warehouse(path)


def _current() -> Warehouse:
    if _warehouse is None:
        raise RuntimeError("kpiwh.web.data.configure(path) was not called")
    return _warehouse


def frame(sql: str, params: Sequence[Any] = ()) -> pd.DataFrame:
    return _current().cursor().execute(sql, list(params)).df()


def has_table(name: str) -> bool:
    return name in _current().snapshot()[0].tables


def detail_link(kpi_id: str, label: str) -> str:
    """A markdown link to the KPI detail page with its selector set (Vizro's b64 URL encoding of a control value)."""
    encoded = base64.urlsafe_b64encode(json.dumps(kpi_id).encode()).decode().rstrip("=")
    return f"[{label}]({DETAIL_PAGE}?{DETAIL_CONTROL}=b64_{encoded})"


def is_missing(value: Any) -> bool:
    """A scalar read through pandas is missing as None, NaN, NaT or NA: all of them are SQL NULL."""
    return bool(pd.isna(value))


def _none(value: Any) -> Any:
    return None if is_missing(value) else value


def _shown(value: Any, unit: str) -> str:
    """A value as the dashboard prints it; NULL (NO_DATA) is 'no data', never 0."""
    return "no data" if is_missing(value) else format_value(value, unit)


def alerts() -> pd.DataFrame:
    """Active exceptions of every entity, in kpi_alerts' rank (severity first, leading before lagging)."""
    rows = frame("select * from kpi_alerts order by alert_rank")
    rows["kpi"] = [detail_link(k, n) for k, n in zip(rows["kpi_id"], rows["kpi_name"], strict=True)]
    rows["type"] = rows["alert_type"].replace({"trajectory": "↗ trajectory"})
    rows["shown_value"] = [_shown(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)]
    rows["bound"] = [f"{b} {_shown(v, u)}" for b, v, u in zip(rows["bound_crossed"], rows["bound_value"], rows["unit"], strict=True)]
    for column in ("period_start", "breach_started_on", "projected_period_end"):
        rows[column] = rows[column].dt.strftime("%Y-%m-%d")
    rows["trust"] = ["" if t else f"⚠ {n}" for t, n in zip(rows["is_trusted"], rows["trust_note"], strict=True)]
    return rows[["alert_rank", "severity", "type", "domain", "indicator_type", "entity_type", "entity_id", "kpi", "grain", "period_start",
                 "shown_value", "status", "bound", "breach_started_on", "periods_in_breach", "projected_period_end", "projected_status",
                 "likely_to_follow", "trust"]]


def tiles(spec: str, entity_type: str, tile: str | None = None) -> Callable[[], pd.DataFrame]:
    """Current KPIs of one spec's entities (of one of its tiles) with their last SPARK_PERIODS values, for kpi_tiles."""

    def load() -> pd.DataFrame:
        rows = frame(
            f"""
            with recent as ({_recent_trend("trend.entity_type = ? and catalog.spec_ref like ?")}),
            spark as (
                select entity_id, kpi_id, list(value order by period_start) as spark
                from recent
                group by all
            )
            select dashboard.*, catalog.indicator_type, spark.spark
            from kpi_dashboard as dashboard
            inner join kpi_catalog as catalog on dashboard.kpi_id = catalog.kpi_id
            left join spark on dashboard.entity_id = spark.entity_id and dashboard.kpi_id = spark.kpi_id
            where dashboard.entity_type = ? and dashboard.spec_ref like ? and (?::varchar is null or dashboard.tile = ?)
            order by dashboard.entity_id, catalog.indicator_type = 'lagging', dashboard.spec_ref, dashboard.kpi_id
            """,
            [entity_type, spec + "%", SPARK_PERIODS, entity_type, spec + "%", tile, tile],
        )
        rows["shown_value"] = [_shown(v, u) for v, u in zip(rows["value"], rows["unit"], strict=True)]
        rows["shown_target"] = [format_target({k: _none(r[k]) for k in ("target_min", "target_max", "target_value", "unit")})
                                for r in rows.to_dict("records")]
        return rows

    return load


def trends(spec: str, entity_type: str) -> Callable[[], pd.DataFrame]:
    """The last TREND_PERIODS periods of every KPI of a spec at its dashboard grain, with the bands in force."""

    def load() -> pd.DataFrame:
        return frame(f"{_recent_trend('trend.entity_type = ? and catalog.spec_ref like ?')} order by trend.entity_id, trend.kpi_id, trend.period_start",
                     [entity_type, spec + "%", TREND_PERIODS])

    return load


def vendor_scorecards() -> pd.DataFrame:
    """Each vendor's current scorecard and its dimensions; entity_id is the merchant, vendor its merchant:vendor id.

    A column is a KPI at its dashboard grain, named with it: the five rates are read over 30 days, the scorecard per month.
    """
    rows = frame(
        """
        select split_part(entity_id, ':', 1) as entity_id, entity_id as vendor,
               kpi_name || ' (' || case grain when 'rolling_30d' then '30 days' when 'rolling_7d' then '7 days' else grain end || ')' as kpi_name,
               value, unit, status
        from kpi_dashboard
        where entity_type = 'vendor' and kpi_id in ('retail.vendor_scorecard', 'retail.fill_rate', 'retail.on_time_delivery',
                                                   'retail.asn_accuracy', 'retail.edi_compliance', 'retail.invoice_accuracy')
        order by split_part(entity_id, ':', 1), vendor, kpi_id
        """
    )
    rows["shown"] = [f"{_shown(v, u)} {s}" for v, u, s in zip(rows["value"], rows["unit"], rows["status"], strict=True)]
    wide = rows.pivot_table(index=["entity_id", "vendor"], columns="kpi_name", values="shown", aggfunc="first").reset_index()
    wide.columns.name = None
    return wide


def retail_benchmarks() -> pd.DataFrame:
    """Each retail merchant's latest peer position per KPI, under the read API's tier and k-anonymity rules."""
    snapshot = _current().snapshot()[0]
    rows = frame(
        """
        select benchmarks.entity_id, catalog.kpi_name, benchmarks.profile, benchmarks.grain, benchmarks.period_start,
               benchmarks.peer_count, benchmarks.unit, benchmarks.is_suppressed, benchmarks.p25, benchmarks.p50, benchmarks.p75,
               benchmarks.percentile_rank, benchmarks.gap_to_median
        from kpi_benchmarks as benchmarks
        inner join kpi_catalog as catalog on benchmarks.kpi_id = catalog.kpi_id
        where benchmarks.entity_type = 'merchant' and catalog.spec_ref like '001:%' and benchmarks.grain = 'month'
        qualify row_number() over (partition by benchmarks.entity_id, benchmarks.kpi_id, benchmarks.profile
                                   order by benchmarks.period_start desc) = 1
        order by benchmarks.entity_id, catalog.kpi_name
        """
    )
    premium = [has_tier(snapshot.tier(("merchant", m)), "premium") for m in rows["entity_id"]]
    rows["position"] = [
        "requires the premium tier" if not ok else "suppressed: fewer peers than k" if hidden
        else f"{_shown(gap, unit)} vs median, percentile {None if is_missing(rank) else round(rank)}"
        for ok, hidden, gap, rank, unit in zip(premium, rows["is_suppressed"], rows["gap_to_median"], rows["percentile_rank"], rows["unit"],
                                               strict=True)
    ]
    withheld = [not ok or bool(hidden) for ok, hidden in zip(premium, rows["is_suppressed"], strict=True)]
    rows.loc[withheld, list(BENCHMARK_SUPPRESSIBLE)] = None
    return rows[["entity_id", "kpi_name", "profile", "period_start", "peer_count", "position", "p25", "p50", "p75"]]


def table(name: str, query: str = "select * from {name}") -> Callable[[], pd.DataFrame]:
    """A loader of one mart; an absent mart (its system not built) gives an empty frame, shown as no data."""

    def load() -> pd.DataFrame:
        return frame(query.format(name=name)) if has_table(name) else pd.DataFrame()

    return load


# The detail page's selector sets kpi_id; before it does, the first KPI built is shown.
FIRST_KPI = "(select min(kpi_id) from kpi_dashboard)"


def kpi_catalog(kpi_id: str | None = None) -> pd.DataFrame:
    return frame(f"select * from kpi_catalog where kpi_id = coalesce(?, {FIRST_KPI})", [kpi_id])


def kpi_history(kpi_id: str | None = None) -> pd.DataFrame:
    """Every entity's last TREND_PERIODS periods of one KPI at its dashboard grain."""
    return frame(f"{_recent_trend(f'trend.kpi_id = coalesce(?, {FIRST_KPI})')} order by trend.entity_type, trend.entity_id, trend.period_start",
                 [kpi_id, TREND_PERIODS])


def kpi_ids() -> list[str]:
    return [r for (r,) in frame("select distinct kpi_id from kpi_dashboard order by kpi_id").itertuples(index=False)]


def classicmodels_countries() -> pd.DataFrame:
    """Revenue per customer country with its centroid, for the bubble map."""
    rows = table("fct_classicmodels_country_sales", "select * from {name} order by revenue_rank")()
    if rows.empty:
        return rows
    rows["latitude"] = [COUNTRY_CENTROIDS.get(c, (None, None))[0] for c in rows["country"]]
    rows["longitude"] = [COUNTRY_CENTROIDS.get(c, (None, None))[1] for c in rows["country"]]
    return rows
