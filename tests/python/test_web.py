"""The web dashboard (kpiwh serve) in a real browser: Playwright driving Debian's chromium.

The server runs as a user runs it, in its own process, on a copy of the storefront fixture build
that stands in for the published file. Values on the cards are compared with kpi_dashboard read by
a separate SQL query; screenshots go to warehouse/screenshots/ (git-ignored).
"""
from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import duckdb
import pytest

from conftest import FIXTURES, query
from kpiwh.config import REPO_ROOT

playwright = pytest.importorskip("playwright.sync_api")
CHROMIUM = Path("/usr/bin/chromium")
SHOTS = REPO_ROOT / "warehouse" / "screenshots"
PAGES = ["/", "/storefront", "/retail", "/cm-executive", "/hotel", "/data-quality", "/kpi-detail"]
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed (apt-get install chromium; .ci/run does)")


@pytest.fixture(scope="module")
def published(build_warehouse, tmp_path_factory) -> Path:
    db = build_warehouse(FIXTURES / "storefront_basic", date(2026, 11, 20), "storefront_basic")
    copy = tmp_path_factory.mktemp("published") / "kpi.duckdb"
    shutil.copy(db, copy)
    return copy


@pytest.fixture(scope="module")
def server(published: Path) -> Iterator[str]:
    # The server logs every request: to a file, as a pipe nobody reads would fill and block it.
    log = (published.parent / "serve.log").open("w")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    process = subprocess.Popen([str(Path(sys.executable).with_name("kpiwh")), "serve", "--db", str(published), "--port", str(port)],
                               cwd=REPO_ROOT, stdout=log, stderr=subprocess.STDOUT, text=True)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            assert process.poll() is None, (published.parent / "serve.log").read_text()[-4000:]
            time.sleep(0.5)
    yield url
    process.terminate()
    process.wait(timeout=20)
    log.close()


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with playwright.sync_playwright() as driver:
        chromium = driver.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        yield chromium
        chromium.close()


def _open(browser, url: str):  # type: ignore[no-untyped-def]
    page = browser.new_page(viewport={"width": 1400, "height": 1000})
    errors: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(url)
    page.wait_for_load_state("networkidle")
    return page, errors


def _tiles(page) -> dict[tuple[str, str], str]:  # type: ignore[no-untyped-def]
    page.wait_for_selector(".kpi-tile")
    return {(t.get_attribute("data-entity"), t.get_attribute("data-kpi")): t.get_attribute("data-value") for t in page.locator(".kpi-tile").all()}


@pytest.mark.parametrize("path", PAGES)
def test_every_page_loads_without_console_errors(server, browser, path):
    page, errors = _open(browser, server + path)
    page.wait_for_timeout(1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{path.strip('/') or 'exceptions'}.png"))
    assert "404" not in page.title() and page.title().startswith("KPI warehouse"), page.title()
    assert errors == []
    page.close()


def test_storefront_cards_equal_kpi_dashboard(server, browser, published):
    page, _ = _open(browser, server + "/storefront")
    shown = _tiles(page)
    entities = {entity for entity, _ in shown}
    assert entities == {"M01"}, entities  # the merchant selector shows one merchant
    rows = query(published, "select entity_id, kpi_id, value from kpi_dashboard where entity_type = 'merchant' and entity_id = 'M01' "
                            "and spec_ref like '000:%'")
    expected = {(e, k): "" if v is None else repr(float(v)) for e, k, v in rows}
    assert shown == expected
    # NO_DATA reads "no data" on its card, never 0.
    no_data = [k for (e, k), v in expected.items() if v == ""]
    for kpi_id in no_data:
        assert "no data" in page.locator(f".kpi-tile[data-kpi='{kpi_id}']").inner_text()
    page.close()


def test_the_merchant_selector_changes_the_cards(server, browser, published):
    page, _ = _open(browser, server + "/storefront")
    page.locator("div:has(> label:has-text('Merchant')) button.dash-dropdown").click()
    page.get_by_role("option", name="M02").click()
    page.wait_for_function("() => [...document.querySelectorAll('.kpi-tile')].every(t => t.dataset.entity === 'M02')", timeout=20000)
    m02 = {k: v for (e, k), v in _tiles(page).items()}
    expected = {k: "" if v is None else repr(float(v)) for k, v in query(
        published, "select kpi_id, value from kpi_dashboard where entity_id = 'M02' and spec_ref like '000:%'")}
    assert m02 == expected
    page.close()


def test_alerts_page_lists_kpi_alerts_with_links_to_their_detail(server, browser, published):
    page, _ = _open(browser, server + "/")
    expected = query(published, "select count(*) from kpi_alerts")[0][0]
    assert expected > 0, "the fixture should raise alerts"
    page.wait_for_selector(".ag-row")
    links = page.locator(".ag-center-cols-container a")
    assert links.count() == min(expected, links.count()) and links.count() > 0
    first_kpi = query(published, "select kpi_id from kpi_alerts order by alert_rank limit 1")[0][0]
    links.first.click()
    page.wait_for_url("**/kpi-detail**")
    page.wait_for_selector(".ag-row")
    assert first_kpi in page.locator(".ag-center-cols-container").first.inner_text()
    page.close()


def test_a_publish_shows_after_reload_while_the_server_keeps_serving(server, browser, published, tmp_path):
    page, _ = _open(browser, server + "/storefront")
    before = _tiles(page)[("M01", "sales.daily_revenue")]
    # A new build's file is swapped in as `kpiwh publish` does (a copy, then an atomic rename).
    staged = tmp_path / "kpi.duckdb.publishing"
    shutil.copy(published, staged)
    with duckdb.connect(str(staged)) as con:
        con.execute("update kpi_dashboard set value = value + 1000 where entity_id = 'M01' and kpi_id = 'sales.daily_revenue'")
    os.replace(staged, published)
    page.reload()
    page.wait_for_load_state("networkidle")
    after = _tiles(page)[("M01", "sales.daily_revenue")]
    assert float(after) == pytest.approx(float(before) + 1000)
    page.close()


def test_serve_without_a_published_warehouse_says_so(tmp_path):
    missing = tmp_path / "kpi.duckdb"
    result = subprocess.run([str(Path(sys.executable).with_name("kpiwh")), "serve", "--db", str(missing)], cwd=REPO_ROOT,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 4
    assert result.stderr.strip() == f"kpiwh: no published warehouse at {missing}: run `kpiwh build`"
    assert "Traceback" not in result.stderr


def test_the_vendor_table_names_the_window_of_each_rate(build_warehouse):
    """The vendor table shows each KPI at its dashboard grain, and says which: the five rates over 30 days,
    the scorecard per month. R01:V01 shipped 190 of the 200 units due in the 30 days to 03-15 (PO6 30/40,
    PO1 110/110, PO3 50/50: 95.0 %), while its calendar months read 78.6 % (February) and 100 % (March)."""
    from kpiwh.web import data

    data.configure(build_warehouse(FIXTURES / "retail_basic", date(2026, 3, 15), "retail_basic"))
    table = data.vendor_scorecards().set_index("vendor")
    assert sorted(table.columns) == ["ASN Accuracy (30 days)", "EDI Compliance (30 days)", "Fill Rate (30 days)", "Invoice Accuracy (30 days)",
                                     "On-Time Delivery (30 days)", "Vendor Scorecard Composite (month)", "entity_id"]
    assert table.loc["R01:V01", "Fill Rate (30 days)"] == "95.0% GREEN"
    assert table.loc["R01:V03", "Fill Rate (30 days)"] == "no data NO_DATA"
