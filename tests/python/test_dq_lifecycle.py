"""Data-quality issues with a lifecycle (issue 13): the prod gate judges open CRITICAL issues that
touch the KPI periods being published, honours acknowledgements until their date, and marks an
issue no longer detected as resolved.

Fixture: retail_basic (as_of 2026-03-15, a Sunday), whose register S01/REG1 skips sequence
number 3 between 2026-03-10 and 2026-03-11: a CRITICAL sequence_gap in the current month and
week. Every build runs with the gate at error severity, as the prod target runs it.
"""
from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, dbt, project_with_seed, query

AS_OF = date(2026, 3, 15)
GATE = {"KPI_DQ_GATE_SEVERITY": "error"}
ISSUE = "retail.pos_receipts:sequence_gap:R01:2026-03-01"
ACKS_HEADER = "issue_id,acknowledged_by,acknowledged_reason,acknowledged_until\n"


def retail_raw(base: Path, register_dates: dict[str, str] | None = None, fill_gap: bool = False) -> Path:
    """retail_basic, with REG1's receipts moved to other days or its missing number 3 restored."""
    raw = base / "raw"
    shutil.copytree(FIXTURES / "retail_basic", raw)
    path = raw / "retail" / "pos_receipts.csv"
    receipts = pd.read_csv(path, dtype=str, keep_default_na=False)
    for receipt_id, receipt_at in (register_dates or {}).items():
        receipts.loc[receipts["receipt_id"] == receipt_id, "receipt_at"] = receipt_at
    if fill_gap:
        restored = receipts[receipts["receipt_id"] == "A2"].assign(receipt_id="A3", sequence_number="3", receipt_at="2026-03-10 17:00:00")
        receipts = pd.concat([receipts, restored])
    receipts.to_csv(path, index=False)
    return raw


def build(base: Path, raw: Path, as_of: date = AS_OF, project_dir: Path | None = None, db: Path | None = None) -> tuple[int, str, Path]:
    db = db or base / "warehouse.duckdb"
    result = dbt(["build"], raw, db, as_of, GATE, **({"project_dir": project_dir} if project_dir else {}))
    return result.returncode, result.stdout, db


def gate_failed(stdout: str) -> bool:
    return any("FAIL" in line and "assert_no_critical_data_issues" in line for line in stdout.splitlines())


def critical_count(db: Path, as_of: date = AS_OF) -> float | None:
    [(value,)] = query(db, "select value from kpi_values where kpi_id = 'dq.critical_issues' and period_start = ?", [as_of])
    return value


def test_a_two_year_old_sequence_break_does_not_fail_the_prod_build(tmp_path: Path) -> None:
    # REG1's six receipts two years back: the same gap, in March 2024.
    moved = {"A1": "2024-03-04 10:00:00", "A2": "2024-03-05 11:00:00", "A4": "2024-03-06 12:00:00",
             "A5": "2024-03-07 10:00:00", "A6": "2024-03-08 10:00:00"}
    code, stdout, db = build(tmp_path, retail_raw(tmp_path, moved))
    assert code == 0, stdout[-4000:]
    assert query(db, "select issue_id, issue_state, affected_from_date, is_in_scope, is_gating from kpi_dq_gate where severity = 'CRITICAL'") == [
        ("retail.pos_receipts:sequence_gap:R01:2024-03-01", "open", date(2024, 3, 5), False, False)
    ]
    assert critical_count(db) == 0
    # Nor does it distrust March 2026: the issue touches March 2024 only.
    assert query(db, "select is_trusted from kpi_dashboard where kpi_id = 'retail.gross_margin' and entity_id = 'R01'") == [(True,)]


def test_a_new_sequence_break_fails_the_prod_build(tmp_path: Path) -> None:
    code, stdout, db = build(tmp_path, retail_raw(tmp_path))
    assert code != 0 and gate_failed(stdout), stdout[-4000:]
    assert query(db, "select issue_id, is_new, affected_from_date, affected_to_date, current_period_start from kpi_dq_gate where is_gating") == [
        (ISSUE, True, date(2026, 3, 10), date(2026, 3, 11), date(2026, 3, 1))
    ]


@pytest.mark.parametrize(("until", "passes"), [("2026-03-20", True), ("2026-03-15", True), ("2026-03-14", False)])
def test_an_acknowledged_break_passes_until_its_date(tmp_path: Path, until: str, passes: bool) -> None:
    project = project_with_seed(tmp_path, "dq/dq_issue_acknowledgements.csv", ACKS_HEADER + f"{ISSUE},store ops,register REG1 replaced; day recounted,{until}\n")
    code, stdout, db = build(tmp_path, retail_raw(tmp_path), project_dir=project)
    assert (code == 0) is passes and gate_failed(stdout) is not passes, stdout[-4000:]
    [(state, by, acknowledged_until)] = query(db, "select issue_state, acknowledged_by, acknowledged_until from fct_dq_issues where issue_id = ?", [ISSUE])
    assert (state, by, acknowledged_until) == ("acknowledged" if passes else "open", "store ops", date.fromisoformat(until))
    if passes:
        assert critical_count(db) == 0
        # Acknowledged is publishable, not clean: the KPIs of the touched week keep their warning.
        [(trusted, note)] = query(db, "select is_trusted, trust_note from kpi_dashboard where kpi_id = 'retail.weeks_of_supply' and entity_id = 'R01'")
        assert (trusted, note) == (False, "critical sequence_gap in retail.pos_receipts")


def test_an_issue_no_longer_detected_is_resolved(tmp_path: Path) -> None:
    db = tmp_path / "warehouse.duckdb"
    first, _, _ = build(tmp_path / "night1", retail_raw(tmp_path / "night1"), db=db)
    assert first != 0  # the gap gates night 1
    # Night 2: the missing receipt arrived; the same warehouse file, so its detection history.
    second, stdout, _ = build(tmp_path / "night2", retail_raw(tmp_path / "night2", fill_gap=True), as_of=date(2026, 3, 16), db=db)
    assert second == 0, stdout[-4000:]
    assert query(db, "select issue_state, first_seen_on, last_seen_on, example_keys from fct_dq_issues where issue_id = ?", [ISSUE]) == [
        ("resolved", AS_OF, AS_OF, None)
    ]
    assert query(db, "select count(*) from kpi_dq_gate where issue_id = ?", [ISSUE]) == [(0,)]
    assert query(db, "select detected_on, count(*) from fct_dq_issue_detections where issue_id = ? group by all", [ISSUE]) == [(AS_OF, 1)]
