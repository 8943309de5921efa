"""The default-data generator: deterministic, in the contract layout, with its deliberate defects."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd

from kpiwh.generate import SYSTEMS, generate

END = date(2026, 11, 20)


def _digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.rglob("*.*"))}


def test_same_seed_same_files_other_seed_other_files(tmp_path):
    generate(tmp_path / "a", END, 0.2, seed=7, fmt="csv")
    generate(tmp_path / "b", END, 0.2, seed=7, fmt="csv")
    generate(tmp_path / "c", END, 0.2, seed=8, fmt="csv")
    assert _digest(tmp_path / "a") == _digest(tmp_path / "b")
    assert _digest(tmp_path / "a") != _digest(tmp_path / "c")
    assert {p.split("/")[0] for p in _digest(tmp_path / "a")} == set(SYSTEMS)


def test_storefront_history_scale_and_defects(tmp_path):
    small = generate(tmp_path / "s", END, 0.5, seed=1, fmt="csv", systems=["storefront"])["storefront"]
    large = generate(tmp_path / "l", END, 2.0, seed=1, fmt="csv", systems=["storefront"])["storefront"]
    assert 3.0 < large["order_lines"] / small["order_lines"] < 5.0  # the scale knob scales volume
    orders = pd.read_csv(tmp_path / "s" / "storefront" / "orders.csv", dtype=str, keep_default_na=False)
    created = pd.to_datetime(orders["created_at"], errors="coerce")
    assert created.min() <= pd.Timestamp("2024-01-02") and created.max().date() == END  # over two years of history
    assert orders["order_id"].eq("").sum() == 1  # null key
    assert orders.duplicated().sum() == 2  # exact duplicates
    assert created.isna().sum() == 1  # the impossible date
    lines = pd.read_csv(tmp_path / "s" / "storefront" / "order_lines.csv", dtype=str, keep_default_na=False)
    assert (pd.to_numeric(lines["quantity"]) < 0).sum() == 1
    assert (~lines["order_id"].isin(orders["order_id"])).sum() == 1  # the orphan line


def test_parquet_has_the_same_tables(tmp_path):
    generate(tmp_path / "p", END, 0.1, seed=1, fmt="parquet")
    csv = generate(tmp_path / "c", END, 0.1, seed=1, fmt="csv")
    for table, rows in csv["storefront"].items():
        assert len(pd.read_parquet(tmp_path / "p" / "storefront" / f"{table}.parquet")) == rows
