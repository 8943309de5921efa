"""The dashboard's pages (issue 14): exceptions, the four specs' views, data quality and KPI detail.

Every component reads a loader of kpiwh.web.data by name, registered in Vizro's data manager, so
each page load reads the published warehouse as it is now.
"""
from __future__ import annotations

from typing import Any

import vizro.models as vm
import vizro.plotly.express as px
from vizro.actions import set_controls
from vizro.managers import data_manager
from vizro.tables import dash_ag_grid

from kpiwh.web import data
from kpiwh.web.figures import kpi_tiles, trend_with_bands

ALERT_SEVERITY_STYLES = {
    "styleConditions": [
        {"condition": "params.value == 'high'", "style": {"backgroundColor": "#e5484d", "color": "white"}},
        {"condition": "params.value == 'medium'", "style": {"backgroundColor": "#f5b400", "color": "black"}},
    ]
}
ABC_ROW_STYLES = {
    "styleConditions": [
        {"condition": "params.data.abc_class == 'A'", "style": {"backgroundColor": "rgba(48,164,108,0.25)"}},
        {"condition": "params.data.abc_class == 'C'", "style": {"backgroundColor": "rgba(139,141,152,0.15)"}},
    ]
}


def _grid(name: str, columns: list[dict[str, Any]] | None = None, **kwargs: Any) -> vm.Table:
    figure = dash_ag_grid(data_frame=name, columnSize="autoSize", **({"columnDefs": columns} if columns else {}), **kwargs)
    return vm.Table(id=f"{name}_table", figure=figure)


def _register(loaders: dict[str, Any]) -> None:
    for name, loader in loaders.items():
        data_manager[name] = loader


def exceptions_page() -> vm.Page:
    _register({"alerts": data.alerts})
    columns: list[dict[str, Any]] = [
        {"field": "alert_rank", "headerName": "#", "width": 70},
        {"field": "severity", "cellStyle": ALERT_SEVERITY_STYLES},
        {"field": "type"}, {"field": "domain"}, {"field": "indicator_type", "headerName": "indicator"},
        {"field": "entity_type"}, {"field": "entity_id", "headerName": "entity"},
        {"field": "kpi", "headerName": "KPI", "cellRenderer": "markdown"},
        {"field": "grain"}, {"field": "period_start", "headerName": "period"}, {"field": "shown_value", "headerName": "value"},
        {"field": "status"}, {"field": "bound", "headerName": "bound crossed"}, {"field": "breach_started_on", "headerName": "since"},
        {"field": "periods_in_breach", "headerName": "periods"}, {"field": "projected_period_end", "headerName": "projected breach"},
        {"field": "trust"},
    ]
    return vm.Page(
        id="exceptions", path="/", title="Exceptions",
        components=[
            vm.Text(text="Active alerts across every entity, severity first; **↗ trajectory** alerts are projections of a trend that "
                         "is still inside its band. Normal performance shows nothing here."),
            _grid("alerts", columns),
        ],
        layout=vm.Flex(),
        controls=[vm.Filter(column="domain", selector=vm.Dropdown()), vm.Filter(column="entity_type", selector=vm.Dropdown()),
                  vm.Filter(column="entity_id", selector=vm.Dropdown())],
    )


def storefront_page() -> vm.Page:
    _register({"storefront_tiles": data.tiles(data.STOREFRONT, "merchant"), "storefront_trend": data.trends(data.STOREFRONT, "merchant")})
    return vm.Page(
        id="storefront", path="/storefront", title="Storefront",
        components=[
            vm.Figure(id="storefront_tiles", figure=kpi_tiles(data_frame="storefront_tiles")),
            vm.Graph(id="storefront_trend", figure=trend_with_bands(data_frame="storefront_trend")),
        ],
        layout=vm.Flex(),
        controls=[
            vm.Filter(id="storefront_merchant", column="entity_id", targets=["storefront_tiles", "storefront_trend"],
                      selector=vm.Dropdown(multi=False, title="Merchant")),
            vm.Filter(id="storefront_kpi", column="kpi_name", targets=["storefront_trend"], selector=vm.Dropdown(multi=False, title="Trend of")),
        ],
    )


def retail_page() -> vm.Page:
    _register({"retail_tiles": data.tiles(data.RETAIL, "merchant"), "retail_vendors": data.vendor_scorecards,
               "retail_benchmarks": data.retail_benchmarks})
    return vm.Page(
        id="retail", path="/retail", title="Retail operations",
        components=[
            vm.Figure(id="retail_tiles", figure=kpi_tiles(data_frame="retail_tiles", group_by="indicator_type")),
            vm.Text(text="### Vendor scorecards"),
            _grid("retail_vendors"),
            vm.Text(text="### Position against peers (premium tier; withheld with fewer than k peers)"),
            _grid("retail_benchmarks"),
        ],
        layout=vm.Flex(),
        controls=[vm.Filter(id="retail_merchant", column="entity_id", targets=["retail_tiles", "retail_vendors_table", "retail_benchmarks_table"],
                            selector=vm.Dropdown(multi=False, title="Merchant"))],
    )


def hotel_page() -> vm.Page:
    _register({
        "hotel_tiles": data.tiles(data.HOTEL, "hotel"),
        "hotel_otb": data.table("fct_hotel_otb_daily", """
            select hotel_id as entity_id, stay_date, rooms_otb, stly_rooms, pickup_7d_rooms, occupancy_pct_otb, adr_otb, revpar_otb,
                   case when stly_is_approx then 'approximate STLY' else 'exact STLY' end as stly_match
            from {name}
            where as_of_date = (select max(as_of_date) from {name}) and stay_date < as_of_date + 90
            order by entity_id, stay_date"""),
    })
    return vm.Page(
        id="hotel", path="/hotel", title="Hotel",
        components=[
            vm.Figure(id="hotel_tiles", figure=kpi_tiles(data_frame="hotel_tiles")),
            vm.Graph(id="hotel_otb_graph", figure=px.bar(data_frame="hotel_otb", x="stay_date", y=["rooms_otb", "stly_rooms", "pickup_7d_rooms"],
                                                         barmode="group", title="On the books, same time last year and 7-day pickup by stay date")),
            vm.Graph(id="hotel_stly_graph", figure=px.scatter(data_frame="hotel_otb", x="stay_date", y="stly_rooms", symbol="stly_match",
                                                              title="STLY by stay date (approximate matches marked)")),
            vm.Graph(id="hotel_rates_graph", figure=px.line(data_frame="hotel_otb", x="stay_date", y=["occupancy_pct_otb", "adr_otb", "revpar_otb"],
                                                            title="Occupancy %, ADR and RevPAR on the books")),
        ],
        layout=vm.Flex(),
        controls=[vm.Filter(column="entity_id", selector=vm.Dropdown(multi=False, title="Hotel"))],
    )


def data_quality_page() -> vm.Page:
    _register({
        "dq_tables": data.table("fct_dq_table_health", """
            select source_system, source_table, file_status, freshness_status, hours_since_load, completeness_pct, raw_row_count,
                   quarantined_row_count, excluded_row_pct from {name} order by source_system, source_table"""),
        "dq_issues": data.table("fct_dq_issues", """
            select severity, source_system, source_table, check_name, entity_id, rows_affected, detail, first_seen_at, last_seen_at
            from {name} order by case severity when 'CRITICAL' then 0 when 'HIGH' then 1 when 'MEDIUM' then 2 else 3 end, source_system"""),
        "dq_test_history": data.table("fct_dq_test_results", """
            select run_started_at, status, count(*) as tests from {name} group by all order by run_started_at"""),
    })
    return vm.Page(
        id="data_quality", path="/data-quality", title="Data quality",
        components=[
            vm.Text(text="### Freshness and completeness per raw table"), _grid("dq_tables"),
            vm.Text(text="### Issue log"), _grid("dq_issues"),
            vm.Graph(figure=px.bar(data_frame="dq_test_history", x="run_started_at", y="tests", color="status", title="Test results per build")),
        ],
        layout=vm.Flex(),
        controls=[vm.Filter(column="source_system", targets=["dq_tables_table", "dq_issues_table"], selector=vm.Dropdown())],
    )


def kpi_detail_page() -> vm.Page:
    kpi_ids: list[Any] = data.kpi_ids()
    _register({"kpi_definition": data.kpi_catalog, "kpi_history": data.kpi_history})
    return vm.Page(
        id="kpi_detail", path=data.DETAIL_PAGE, title="KPI detail",
        components=[
            _grid("kpi_definition", [{"field": f, "wrapText": True, "autoHeight": True, "flex": 1} for f in (
                "kpi_id", "kpi_name", "spec_ref", "definition", "interpretation_note", "unit", "dashboard_grain", "direction",
                "target_value", "red_below", "yellow_below", "yellow_above", "red_above", "min_sample_size")]),
            vm.Graph(id="kpi_history_graph", figure=trend_with_bands(data_frame="kpi_history")),
        ],
        layout=vm.Flex(),
        controls=[
            vm.Parameter(id=data.DETAIL_CONTROL, targets=["kpi_definition_table.data_frame.kpi_id", "kpi_history_graph.data_frame.kpi_id"],
                         selector=vm.Dropdown(options=kpi_ids, value=kpi_ids[0], multi=False, title="KPI"), show_in_url=True),
            vm.Filter(column="entity_id", targets=["kpi_history_graph"], selector=vm.Dropdown(title="Entities")),
        ],
    )


def classicmodels_pages() -> list[vm.Page]:
    """Spec 002's five views."""
    _register({
        "cm_monthly": data.table("fct_classicmodels_monthly"),
        "cm_yearly": data.table("fct_classicmodels_yearly"),
        "cm_regions": data.table("fct_classicmodels_region_sales"),
        "cm_countries": data.classicmodels_countries,
        "cm_customers": data.table("dim_classicmodels_customers", "select * from {name} where is_credit_misaligned order by amount_at_risk desc"),
        "cm_customers_abc": data.table("dim_classicmodels_customers", "select * from {name} order by revenue_rank"),
        "cm_exclusions": data.table("fct_classicmodels_kpi_exclusions"),
        "cm_rfm": data.table("fct_classicmodels_customer_rfm"),
        "cm_pairs": data.table("fct_classicmodels_product_pairs", "select * from {name} order by lift_rank limit 50"),
        "cm_products": data.table("dim_classicmodels_products"),
    })

    def tiles_of(tile: str, page: str) -> vm.Figure:
        data_manager[f"cm_tiles_{page}"] = data.tiles(data.CLASSICMODELS, "company", tile)
        return vm.Figure(id=f"cm_tiles_{page}", figure=kpi_tiles(data_frame=f"cm_tiles_{page}"))

    lift = {"valueFormatter": {"function": "params.value == null ? 'no data' : '×' + d3.format('.2f')(params.value)"}}
    money = {"valueFormatter": {"function": "params.value == null ? 'no data' : d3.format('$,.0f')(params.value)"}}
    return [
        vm.Page(id="cm_executive", path="/cm-executive", title="Classic Models: Executive", layout=vm.Flex(), components=[
            tiles_of("Executive View", "executive"),
            vm.Graph(figure=px.line(data_frame="cm_monthly", x="month_start", y=["revenue", "same_month_last_year_revenue"], title="Monthly revenue vs last year")),
        ]),
        vm.Page(id="cm_regional", path="/cm-regional", title="Classic Models: Regional", layout=vm.Flex(), components=[
            vm.Graph(id="cm_map", figure=px.scatter(data_frame="cm_countries", x="longitude", y="latitude", size="revenue", color="region",
                                                    hover_name="country", custom_data=["region"], title="Revenue by country (click a bubble to filter its region)"),
                     actions=[set_controls(controls="cm_region", value="region")]),
            vm.Graph(id="cm_aov", figure=px.bar(data_frame="cm_regions", x="region", y="avg_order_value", title="AOV by region")),
            _grid("cm_countries"),
        ], controls=[vm.Filter(id="cm_region", column="region", targets=["cm_aov", "cm_countries_table"], selector=vm.Dropdown())]),
        vm.Page(id="cm_risks", path="/cm-risks", title="Classic Models: Risks & Diagnostics", layout=vm.Flex(), components=[
            tiles_of("Risks & Diagnostics", "risks"),
            vm.Graph(figure=px.line(data_frame="cm_yearly", x="year_start", y="on_time_rate_pct", markers=True, title="On-time delivery rate by year")),
            vm.Text(text="### Credit misalignment"),
            _grid("cm_customers", [{"field": f} for f in ("customer_name", "country", "credit_alignment", "credit_limit", "outstanding_balance",
                                                           "credit_utilisation_ratio", "amount_at_risk")]),
            vm.Text(text="### Records excluded from KPIs"), _grid("cm_exclusions"),
        ], controls=[vm.Filter(column="credit_alignment", targets=["cm_customers_table"], selector=vm.Dropdown())]),
        vm.Page(id="cm_opportunities", path="/cm-opportunities", title="Classic Models: Opportunities", layout=vm.Flex(), components=[
            tiles_of("Opportunities", "opportunities"),
            vm.Graph(figure=px.histogram(data_frame="cm_rfm", x="rfm_tier", y="revenue", histfunc="sum", title="Revenue by RFM tier")),
            vm.Text(text="### Cross-sell pairs by lift"),
            _grid("cm_pairs", [{"field": "product_a_name"}, {"field": "product_b_name"}, {"field": "pair_order_count"}, {"field": "lift", **lift},
                               {"field": "confidence_a_to_b"}]),
            vm.Text(text="### Customers by RFM (overdue and churn risk flagged)"),
            _grid("cm_rfm", [{"field": f} for f in ("customer_name", "country", "rfm_tier", "recency_days", "order_count", "revenue",
                                                     "predicted_next_order_date", "is_overdue", "is_churn_risk")]),
        ], controls=[vm.Filter(column="rfm_tier", targets=["cm_rfm_table"], selector=vm.Dropdown()),
                     vm.Filter(column="is_overdue", targets=["cm_rfm_table"], selector=vm.Dropdown())]),
        vm.Page(id="cm_deep_dive", path="/cm-deep-dive", title="Classic Models: Deep Dive", layout=vm.Flex(), components=[
            tiles_of("Deep Dive", "deep_dive"),
            vm.Text(text="### Customers (ABC class A highlighted)"),
            _grid("cm_customers_abc", [{"field": "abc_class"}, {"field": "customer_name"}, {"field": "country"}, {"field": "revenue", **money},
                                       {"field": "revenue_share_pct"}, {"field": "sales_rep_name"},
                                       {"field": "credit_alignment", "cellStyle": {"styleConditions": [
                                           {"condition": "params.value == 'aligned'", "style": {"color": "#30a46c"}},
                                           {"condition": "params.value != 'aligned'", "style": {"color": "#e5484d"}}]}}],
                  getRowStyle=ABC_ROW_STYLES),
            vm.Text(text="### Products (ABC)"),
            _grid("cm_products", [{"field": f} for f in ("abc_class", "product_name", "product_line", "revenue", "demand_trend", "q4_vs_q1_pct")],
                  getRowStyle=ABC_ROW_STYLES),
        ], controls=[vm.Filter(column="abc_class", targets=["cm_customers_abc_table"], selector=vm.Dropdown())]),
    ]

