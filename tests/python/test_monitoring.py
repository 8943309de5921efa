"""Monitoring (issue 12): the alert history across builds. kpi_alerts itself is unit-tested on
designed series (models/kpi/monitoring/_monitoring__unit_tests.yml); here two nightly builds of
the same warehouse, on successive as_of days, must leave a history whose events are exactly the
differences between the two days' alerts, computed here from those two snapshots, and a rerun of
the second night must append nothing."""
from __future__ import annotations

from datetime import date

import pytest

from conftest import FIXTURES, dbt, query

RAW = FIXTURES / "storefront_basic"
FIRST, SECOND = date(2026, 11, 10), date(2026, 11, 18)
ALERT = "select alert_id, alert_type, severity from kpi_alerts"
HISTORY = "select alert_id, alert_event, alert_type, severity, as_of_date from kpi_alert_history"


@pytest.fixture(scope="module")
def nights(tmp_path_factory: pytest.TempPathFactory):
    db = tmp_path_factory.mktemp("monitoring") / "warehouse.duckdb"
    snapshots = []
    for as_of in (FIRST, SECOND):
        result = dbt(["build"], RAW, db, as_of)
        assert result.returncode == 0, result.stdout[-4000:]
        snapshots.append({alert_id: (kind, severity) for alert_id, kind, severity in query(db, ALERT)})
    return db, snapshots


def test_history_records_openings_changes_and_recoveries(nights) -> None:
    db, (first, second) = nights
    expected = {(a, "opened", k, s, FIRST) for a, (k, s) in first.items()}
    expected |= {(a, "opened", k, s, SECOND) for a, (k, s) in second.items() if a not in first}
    expected |= {(a, "changed", k, s, SECOND) for a, (k, s) in second.items() if a in first and first[a] != (k, s)}
    expected |= {(a, "recovered", *first[a], SECOND) for a in first if a not in second}
    assert set(query(db, HISTORY)) == expected
    assert any(event == "recovered" for _, event, *_ in expected), "the fixture must show a recovery"
    assert any(event == "opened" and day == SECOND for _, event, _, _, day in expected), "and a new alert"


def test_a_rerun_of_the_same_night_appends_nothing(nights) -> None:
    db, _ = nights
    before = sorted(query(db, HISTORY))
    result = dbt(["build", "-s", "kpi_alert_history"], RAW, db, SECOND)
    assert result.returncode == 0, result.stdout[-4000:]
    assert sorted(query(db, HISTORY)) == before


def test_kpi_history_keeps_what_was_known_each_night(nights) -> None:
    """As known on the first night: exactly that night's kpi_values (restated rows included in
    their first form); the second night adds only the rows that are new or changed."""
    db, _ = nights
    history = "select kpi_id, entity_type, entity_id, grain, period_start, value, status from kpi_value_history"
    as_known_first = set(query(db, history + " where known_from = ?", [FIRST]))
    added = set(query(db, history + " where known_from = ?", [SECOND]))
    current = set(query(db, "select kpi_id, entity_type, entity_id, grain, period_start, value, status from kpi_values"))
    # Today's rows are the first night's rows with the second night's changes applied.
    key = lambda row: row[:5]  # noqa: E731
    latest = {key(r): r for r in as_known_first} | {key(r): r for r in added}
    assert {latest[key(r)] for r in current} == current
    # What today no longer reports is the first night's own snapshot (e.g. Q.1-Q.3 as of that day).
    gone = set(latest) - {key(r) for r in current}
    assert gone and all(period_start == FIRST for *_, period_start in gone)
    assert added and added < current  # something changed (the running month), not everything
    assert len(as_known_first) > len(added)
