"""The dashboard's own figures: KPI tiles with status, target and sparkline; a trend chart with its bands."""
from __future__ import annotations

from typing import Any

import dash_bootstrap_components as dbc
import pandas as pd
import plotly.graph_objects as go
from dash import dcc, html
from vizro.models.types import capture

from kpiwh.web.data import is_missing

STATUS_COLOURS = {"RED": "#e5484d", "YELLOW": "#f5b400", "GREEN": "#30a46c", "NO_DATA": "#8b8d98", "INFO": "#3e63dd"}
# The bounds of kpi_trend in the order they are drawn, each in the colour of the status beyond it.
BANDS = (("red_below", "RED"), ("yellow_below", "YELLOW"), ("yellow_above", "YELLOW"), ("red_above", "RED"))


def _sparkline(values: Any, colour: str) -> dcc.Graph | html.Div:
    points = [None if is_missing(v) else v for v in (values if values is not None else [])]
    if not any(p is not None for p in points):
        return html.Div(className="kpi-spark-empty")
    figure = go.Figure(go.Scatter(y=points, mode="lines", line={"color": colour, "width": 2}, connectgaps=False, hoverinfo="skip"))
    figure.update_layout(height=40, margin={"l": 0, "r": 0, "t": 0, "b": 0}, xaxis={"visible": False}, yaxis={"visible": False},
                         paper_bgcolor="rgba(0,0,0,0)", plot_bgcolor="rgba(0,0,0,0)", showlegend=False)
    return dcc.Graph(figure=figure, config={"staticPlot": True, "displayModeBar": False}, style={"height": "40px"})


def _tile(row: dict[str, Any]) -> html.Div:
    colour = STATUS_COLOURS.get(row["status"], STATUS_COLOURS["INFO"])
    met = row.get("is_target_met")
    target = row["shown_target"] + ("" if is_missing(met) else (" ✓" if met else " ✗"))
    body = [
        html.Div(row["kpi_name"], className="kpi-name"),
        html.Div(row["shown_value"], className="kpi-value", style={"fontSize": "1.6rem", "fontWeight": 600}),
        html.Div([html.Span(row["status"], className="kpi-status", style={"color": colour}),
                  html.Span(f"  target {target}" if row["shown_target"] else "", className="kpi-target")]),
        html.Div(f"{row['grain']} {pd.Timestamp(row['period_start']).date()}", className="kpi-period"),
        _sparkline(row.get("spark"), colour),
    ]
    if not row["is_trusted"]:
        body.append(html.Div(f"⚠ do not act: {row['trust_note']}", className="kpi-untrusted", style={"color": STATUS_COLOURS["RED"]}))
    # The data-* attributes carry the raw row for the browser tests (dbc.Card takes none).
    return html.Div(dbc.Card(dbc.CardBody(body), style={"borderLeft": f"6px solid {colour}", "height": "100%"}), className="kpi-tile",
                    style={"width": "240px"},
                    **{"data-kpi": row["kpi_id"], "data-entity": row["entity_id"], "data-status": row["status"],
                       "data-value": "" if is_missing(row["value"]) else repr(float(row["value"]))})


@capture("figure")
def kpi_tiles(data_frame: pd.DataFrame, group_by: str = "tile") -> html.Div:
    """One card per KPI row, grouped under its tile: value ('no data' for NO_DATA), status colour, target, sparkline."""
    if data_frame.empty:
        return html.Div("no data", className="kpi-no-data")
    groups = []
    for title, rows in data_frame.groupby(group_by, sort=False, dropna=False):
        cards = [_tile(row) for row in rows.to_dict("records")]
        groups.append(html.Div([html.H4(str(title)), html.Div(cards, style={"display": "flex", "flexWrap": "wrap", "gap": "12px"})],
                               className="kpi-tile-group"))
    return html.Div(groups)


@capture("graph")
def trend_with_bands(data_frame: pd.DataFrame, title: str = "") -> go.Figure:
    """One series per entity with the bands in force in each period drawn as step lines, points coloured by status."""
    figure = go.Figure()
    for entity, series in data_frame.groupby("entity_id", sort=True):
        figure.add_trace(go.Scatter(x=series["period_start"], y=series["value"], mode="lines", name=str(entity), connectgaps=False))
        figure.add_trace(go.Scatter(x=series["period_start"], y=series["value"], mode="markers", showlegend=False, name=f"{entity} status",
                                    marker={"color": [STATUS_COLOURS.get(s, STATUS_COLOURS["INFO"]) for s in series["status"]], "size": 7},
                                    text=series["status"], hovertemplate="%{x|%Y-%m-%d}: %{y} %{text}<extra></extra>"))
        for bound, status in BANDS:
            if series[bound].notna().any():
                figure.add_trace(go.Scatter(x=series["period_start"], y=series[bound], mode="lines", line_shape="hv", showlegend=False,
                                            line={"color": STATUS_COLOURS[status], "dash": "dot", "width": 1}, name=f"{entity} {bound}"))
    kpi_names = data_frame["kpi_name"].unique() if "kpi_name" in data_frame else []
    figure.update_layout(title=title or (kpi_names[0] if len(kpi_names) == 1 else ""), margin={"t": 40})
    return figure
