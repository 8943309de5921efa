"""The MCP server of spec 001: the read API (kpiwh.api) as MCP tools, over stdio or streamable HTTP.

Tool and parameter names are spec 001's (`kpi_dashboard(merchant_id)`, `kpi_trend(kpi_name, period)`,
`kpi_alerts(merchant_id)`, `benchmark(kpi_name, merchant_profile)`), plus `kpi_correlations` and `kpi_history`; `merchant_id`
takes any entity id (merchant, vendor, hotel, ...), `kpi_name` a kpi_id or the catalog's display
name, `period` a grain. Every answer is a structured result; a refusal has is_error set.
"""
import json
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any

from mcp.server.mcpserver import MCPServer
from mcp.types import CallToolResult, TextContent
from pydantic import Field

from kpiwh.api import GRAINS, MAX_PERIODS, ReadApi, Result

EntityId = Annotated[str, Field(description="The entity: a merchant id (M01, R01 ...), or a vendor, hotel, store ... id")]
OptionalEntityId = Annotated[str | None, Field(description="The entity; omitted = every entity")]
EntityType = Annotated[str | None, Field(description="merchant, vendor, hotel, category, company, table, warehouse: only when an id is ambiguous")]
KpiName = Annotated[str, Field(description="A kpi_id (sales.daily_revenue) or the KPI's display name (Daily Revenue)")]
Period = Annotated[str | None, Field(description=f"The grain: {', '.join(GRAINS)}; omitted = the KPI's dashboard grain")]
Periods = Annotated[int, Field(description=f"How many latest periods, 1 to {MAX_PERIODS}")]
IsoDate = Annotated[str | None, Field(description="An ISO date, YYYY-MM-DD")]


# An error names the field as the tool's caller knows it.
TOOL_FIELDS = {"entity_id": "merchant_id", "entity_ids": "merchant_ids", "kpi_id": "kpi_name", "grain": "period", "profile": "merchant_profile"}


def _result(answer: Result) -> CallToolResult:
    if "error" in answer and answer["field"] in TOOL_FIELDS:
        answer = {**answer, "field": TOOL_FIELDS[answer["field"]]}
    return CallToolResult(content=[TextContent(type="text", text=json.dumps(answer))], structured_content=answer, is_error="error" in answer)


def build_server(published_path: Path) -> MCPServer[Any]:
    """The server with its six tools, reading the published warehouse at `published_path`."""
    api = ReadApi(published_path)
    server: MCPServer[Any] = MCPServer("kpiwh", instructions="KPI values, trends, alerts, peer benchmarks and history of the KPI warehouse "
                                       "(spec 001). Numbers and classifications; null = no data.")

    def kpi_dashboard(merchant_id: EntityId, entity_type: EntityType = None) -> CallToolResult:
        return _result(api.kpi_dashboard(merchant_id, entity_type))

    def kpi_trend(kpi_name: KpiName, merchant_id: EntityId, period: Period = None, periods: Periods = 12, entity_type: EntityType = None) -> CallToolResult:
        return _result(api.kpi_trend(kpi_name, merchant_id, period, periods, entity_type))

    def kpi_alerts(merchant_id: OptionalEntityId = None, entity_type: EntityType = None) -> CallToolResult:
        return _result(api.kpi_alerts(merchant_id, entity_type))

    def benchmark(kpi_name: KpiName, merchant_profile: Annotated[str, Field(description="The peer profile, e.g. a category or size band")],
                  merchant_id: EntityId, entity_type: EntityType = None, period: Period = None, periods: Periods = 12) -> CallToolResult:
        return _result(api.benchmark(kpi_name, merchant_profile, merchant_id, entity_type, period, periods))

    def kpi_correlations(merchant_id: EntityId, kpi_name: Annotated[str | None, Field(description="Only the pairs this KPI leads or lags")] = None,
                         entity_type: EntityType = None) -> CallToolResult:
        return _result(api.kpi_correlations(merchant_id, kpi_name, entity_type))

    def kpi_history(kpi_name: Annotated[str | None, Field(description="A kpi_id or display name; omitted = every KPI")] = None,
                    merchant_ids: Annotated[list[str] | None, Field(description="Entity ids; omitted = every entity")] = None,
                    start: IsoDate = None, end: IsoDate = None, period: Period = None) -> CallToolResult:
        return _result(api.kpi_history(kpi_name, merchant_ids, start, end, period))

    tools: dict[Callable[..., CallToolResult], str] = {
        kpi_dashboard: "Current value of every KPI of an entity against its thresholds, with status and trust (every tier).",
        kpi_trend: "The latest periods of one KPI series with the threshold bands in force in each period (standard tier).",
        kpi_alerts: "Active exceptions ranked by severity, leading indicators first; nothing for normal performance (every tier; "
                    "trajectory alerts need standard).",
        benchmark: "The entity's percentile rank and gap to the median among anonymised peers of a profile in the latest periods "
                   "of each grain, or of one (premium tier).",
        kpi_correlations: "Leading -> lagging KPI pairs at their best lag, with a warning when the leading KPI degrades and the "
                          "correlation is strong: what is likely to follow (standard tier).",
        kpi_history: "Values and statuses of every period, for investor and period-end reporting (standard tier).",
    }
    for fn, description in tools.items():
        server.add_tool(fn, description=description)
    return server


def serve(published_path: Path, http_port: int | None) -> None:
    """Serve over stdio, or over streamable HTTP on 127.0.0.1:`http_port` (path /mcp)."""
    server = build_server(published_path)
    if http_port is None:
        server.run("stdio")
    else:
        server.run("streamable-http", host="127.0.0.1", port=http_port)
