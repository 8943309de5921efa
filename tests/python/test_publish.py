"""Safe publishing on small DuckDB files: only a working file that passed, read-only, all or nothing.

The sessions run as root, whom file modes do not stop: write failures are simulated by making
the copy fail partway, as a full disk does.
"""
from __future__ import annotations

import errno
import hashlib
import os
import shutil
from pathlib import Path

import duckdb
import pytest

from kpiwh import warehouse
from kpiwh.config import Paths
from kpiwh.exit_codes import BAD_ENVIRONMENT, FAILED, KpiwhError


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def write_table(db: Path, value: int) -> None:
    with duckdb.connect(str(db)) as con:
        con.execute("create or replace table kpi_values as select ? as value", [value])


def read_value(db: Path) -> int:
    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute("select value from kpi_values").fetchone()[0]


@pytest.fixture
def paths(tmp_path) -> Paths:
    paths = Paths(tmp_path / "raw", tmp_path / "wh" / "kpi.duckdb", tmp_path / "wh" / "published" / "kpi.duckdb")
    paths.duckdb_path.parent.mkdir()
    write_table(paths.duckdb_path, 1)
    return paths


def test_only_a_working_file_that_passed_is_published(paths):
    with pytest.raises(KpiwhError) as refused:
        warehouse.publish(paths)
    assert refused.value.code == FAILED and "has not passed a build and validation" in str(refused.value)
    assert not paths.published_path.exists()

    warehouse.record_pass(paths, None)
    assert warehouse.publish(paths) == paths.published_path
    assert sha256(paths.published_path) == sha256(paths.duckdb_path)
    assert paths.published_path.stat().st_mode & 0o777 == 0o444
    # Any change after the pass (another write, here) makes the working file unpublishable again.
    write_table(paths.duckdb_path, 2)
    with pytest.raises(KpiwhError):
        warehouse.publish(paths)
    assert read_value(paths.published_path) == 1
    # As does the start of a build.
    warehouse.record_pass(paths, None)
    warehouse.forget_pass(paths)
    with pytest.raises(KpiwhError):
        warehouse.publish(paths)


def test_a_read_only_published_file_is_replaced(paths):
    warehouse.record_pass(paths, None)
    warehouse.publish(paths)
    write_table(paths.duckdb_path, 2)
    warehouse.record_pass(paths, None)
    # A copy left by a publish killed midway is discarded, not published.
    paths.published_path.with_suffix(".publishing").write_bytes(b"partial")
    warehouse.publish(paths)
    assert read_value(paths.published_path) == 2
    assert paths.published_path.stat().st_mode & 0o777 == 0o444
    assert sorted(p.name for p in paths.published_path.parent.iterdir()) == ["kpi.duckdb"]


@pytest.mark.parametrize("failure", [(errno.ENOSPC, "No space left on device"), (errno.EACCES, "Permission denied")])
def test_a_failed_write_leaves_the_published_file_and_no_partial_copy(paths, monkeypatch, failure):
    warehouse.record_pass(paths, None)
    warehouse.publish(paths)
    before = sha256(paths.published_path)
    write_table(paths.duckdb_path, 2)
    warehouse.record_pass(paths, None)
    staging = paths.published_path.with_suffix(".publishing")

    def copy_half_then_fail(source: Path, target: Path) -> None:
        Path(target).write_bytes(Path(source).read_bytes()[:1000])
        raise OSError(failure[0], failure[1], str(target))

    monkeypatch.setattr(shutil, "copyfile", copy_half_then_fail)
    with pytest.raises(KpiwhError) as error:
        warehouse.publish(paths)
    assert error.value.code == BAD_ENVIRONMENT
    assert str(error.value) == f"publish failed, {paths.published_path} left as it was: {failure[1]} ({staging})"
    assert sha256(paths.published_path) == before
    assert not staging.exists()


def test_a_wal_means_unsaved_changes(paths):
    warehouse.record_pass(paths, None)
    wal = paths.duckdb_path.with_name("kpi.duckdb.wal")
    wal.write_bytes(b"")
    with pytest.raises(KpiwhError):
        warehouse.publish(paths)
    os.remove(wal)
    warehouse.publish(paths)
    assert read_value(paths.published_path) == 1
