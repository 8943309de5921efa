"""The web dashboard (`kpiwh serve`): a Vizro app over the published warehouse, read-only."""
from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import vizro.models as vm
from vizro import Vizro

from kpiwh.api import ApiError
from kpiwh.exit_codes import BAD_ENVIRONMENT, KpiwhError
from kpiwh.web import data, pages

# Each view's pages and the mart whose presence says its system was built; a view of a system
# without data is one "no data" page (the navigation stays the same whatever was built).
VIEWS: list[tuple[str, str | None, str, Callable[[], list[vm.Page]]]] = [
    ("Monitoring", None, "/", lambda: [pages.exceptions_page(), pages.data_quality_page(), pages.kpi_detail_page()]),
    ("Storefront", "fct_sales_daily", "/storefront", lambda: [pages.storefront_page()]),
    ("Retail operations", "fct_retail_vendor_kpis", "/retail", lambda: [pages.retail_page()]),
    ("Classic Models", "fct_classicmodels_summary", "/cm-executive", pages.classicmodels_pages),
    ("Hotel", "fct_hotel_otb_daily", "/hotel", lambda: [pages.hotel_page()]),
]


def _no_data(view: str, mart: str, path: str) -> vm.Page:
    return vm.Page(id=f"{mart}_no_data", path=path, title=view, components=[
        vm.Text(text=f"no data: the published warehouse has no `{mart}` ({view} was not built).")])


def dashboard(path: Path) -> vm.Dashboard:
    data.configure(path)
    groups = {view: build() if mart is None or data.has_table(mart) else [_no_data(view, mart, path)] for view, mart, path, build in VIEWS}
    every_page = [page for group in groups.values() for page in group]
    return vm.Dashboard(title="KPI warehouse", theme="vizro_dark", pages=every_page,
                        navigation=vm.Navigation(pages={view: [p.id for p in group] for view, group in groups.items()}))


def serve(path: Path, host: str, port: int) -> None:
    """Build the dashboard and serve it until interrupted (Dash's threaded server)."""
    try:
        app = Vizro().build(dashboard(path))
    except ApiError as error:  # no published warehouse yet: a message, not a traceback
        raise KpiwhError(str(error), BAD_ENVIRONMENT) from None
    print(f"KPI dashboard: http://{host}:{port}/  (reading {path}, read-only)", flush=True)
    app.run(host=host, port=port, debug=False)
