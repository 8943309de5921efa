"""The digest of a build's inputs (kpiwh.build_inputs): what makes a nightly rebuild, and what does not."""
from __future__ import annotations

import os
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES
from kpiwh.build_inputs import digest
from kpiwh.exit_codes import BAD_ENVIRONMENT, KpiwhError

AS_OF = date(2026, 11, 20)


@pytest.fixture
def raw(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(FIXTURES / "storefront_basic", tmp_path / "raw")
    shutil.copytree(FIXTURES / "retail_basic" / "retail", tmp_path / "raw" / "retail")
    for name in [n for n in os.environ if n.startswith("KPI_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("KPI_SOURCE_SYSTEMS", "storefront")
    return tmp_path / "raw"


def test_same_inputs_same_digest(raw: Path) -> None:
    assert digest(raw, AS_OF, []) == digest(raw, AS_OF, [])


def test_a_changed_raw_file_of_a_system_built_changes_it(raw: Path) -> None:
    before = digest(raw, AS_OF, [])
    orders = raw / "storefront" / "orders.csv"
    stat = orders.stat()
    os.utime(orders, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert digest(raw, AS_OF, []) != before
    # A system that is not built is not an input: its files may change freely.
    touched = digest(raw, AS_OF, [])
    (raw / "retail" / "stores.csv").write_text("store_id\n")
    assert digest(raw, AS_OF, []) == touched
    (raw / "storefront" / "late_extract.csv").write_text("x\n")
    assert digest(raw, AS_OF, []) != touched


def test_as_of_arguments_and_settings_change_it(raw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = digest(raw, AS_OF, [])
    assert digest(raw, date(2026, 11, 21), []) != before
    assert digest(raw, AS_OF, ["--full-refresh"]) != before
    monkeypatch.setenv("KPI_TARGET", "prod")
    assert digest(raw, AS_OF, []) != before
    # Without --as-of, KPI_AS_OF is the day.
    monkeypatch.delenv("KPI_TARGET")
    monkeypatch.setenv("KPI_AS_OF", "2026-11-20")
    assert digest(raw, None, []) == digest(raw, AS_OF, [])


def test_a_malformed_as_of_is_a_clear_error(raw: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KPI_AS_OF", "2026-13-01")
    with pytest.raises(KpiwhError, match=r"KPI_AS_OF='2026-13-01' is not a date \(YYYY-MM-DD\)") as error:
        digest(raw, None, [])
    assert error.value.code == BAD_ENVIRONMENT
