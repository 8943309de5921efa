"""The retail generator: deterministic, and its data carries what the KPIs must surface (bad
vendors, a vendor without shipments, broken receipt sequences), checked with pandas on the files."""
from __future__ import annotations

import hashlib
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from conftest import query
from kpiwh.generate import history_start, retail
from kpiwh.generate.common import GenContext

END = date(2026, 11, 20)


def _generate(out: Path) -> Path:
    retail.generate(GenContext(out_dir=out, start_date=history_start(END), end_date=END, scale=0.3, seed=7))
    return out / "retail"


@pytest.fixture(scope="module")
def raw(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _generate(tmp_path_factory.mktemp("retail_gen"))


def read(raw: Path, table: str) -> pd.DataFrame:
    return pd.read_csv(raw / f"{table}.csv", dtype=str, keep_default_na=False)


def digest(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir())}


def test_same_seed_same_files(raw: Path, tmp_path: Path) -> None:
    assert digest(raw) == digest(_generate(tmp_path))


def test_chunked_text_gives_the_same_files(raw: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each merchant is set aside on disk as text, TEXT_CHUNK_ROWS rows at a time (bounded memory at
    scale 100): chunks of 1,000 rows (many per merchant and table) give byte-identical files."""
    monkeypatch.setattr(retail, "TEXT_CHUNK_ROWS", 1000)
    assert digest(raw) == digest(_generate(tmp_path))


def test_receipt_sequences_have_gaps_and_swaps(raw: Path) -> None:
    receipts = read(raw, "pos_receipts")
    receipts = receipts[receipts["sequence_number"] != ""].drop_duplicates("receipt_id")
    receipts = receipts.assign(seq=receipts["sequence_number"].astype(int)).sort_values(["merchant_id", "store_id", "register_id", "seq"])
    step = receipts.groupby(["merchant_id", "store_id", "register_id"])["seq"].diff()
    earlier = receipts.groupby(["merchant_id", "store_id", "register_id"])["receipt_at"].shift() > receipts["receipt_at"]
    assert (step > 1).sum() >= 3  # dropped and unnumbered receipts
    assert earlier.sum() >= 1  # swapped numbers


def _fill(raw: Path, since: str = "", until: str = "9") -> pd.Series:
    """Units shipped (ASN) / units ordered per merchant and vendor, over the POs ordered in [since, until)
    that have shipped (have an ASN)."""
    asn = read(raw, "asn_lines").merge(read(raw, "asns"), on=["merchant_id", "asn_id"])
    lines = read(raw, "purchase_order_lines").merge(read(raw, "purchase_orders"), on=["merchant_id", "po_id"])
    lines = lines[(lines["ordered_at"] >= since) & (lines["ordered_at"] < until) & lines["po_id"].isin(asn["po_id"])]
    ordered = lines.assign(u=lines["units_ordered"].astype(int)).groupby(["merchant_id", "vendor_id"])["u"].sum()
    shipped = asn.merge(lines[["merchant_id", "po_id", "vendor_id"]].drop_duplicates(), on=["merchant_id", "po_id"])
    shipped = shipped.assign(u=pd.to_numeric(shipped["units_shipped"], errors="coerce")).groupby(["merchant_id", "vendor_id"])["u"].sum()
    return shipped / ordered


def test_bad_vendor_ships_short_and_idle_vendor_ships_nothing(raw: Path) -> None:
    """R01's V06 goes bad 45 days before the end (docs/default_data.md): before that it ships like
    the others (about 97.6%), after it clearly short (BAD tier: 45% of lines short at 75% fill,
    about 89%)."""
    whole = _fill(raw)
    recent = _fill(raw, "2026-10-07")  # 44 days before END: POs in the bad period only
    assert recent[("R01", "V06")] < 0.93 < recent.drop(("R01", "V06")).xs("R01").min()
    assert _fill(raw, "", "2026-10-06")[("R01", "V06")] > 0.95  # 46 days before END and earlier: still good
    assert ("R02", "V06") not in whole.index  # onboarded, nothing ordered or shipped


def test_good_vendors_are_good_not_perfect(raw: Path) -> None:
    """A good vendor's expected fill is 1 - short_line * factor * (1 - fill) = 1 - 0.10 * [0.6, 1.3] * 0.25,
    96.75-98.5% (GOOD, GOOD_SPREAD), 97.625% on average (mean factor 0.95); over the history every good
    vendor is within sampling noise of that (short lines differ in size) and below 100%."""
    fill = _fill(raw, "").drop([("R01", "V06"), ("R03", "V04")])
    assert fill.between(0.955, 0.99).all(), fill[~fill.between(0.955, 0.99)]
    assert abs(fill.mean() - (1 - 0.10 * 0.95 * 0.25)) < 0.003


def test_twelve_merchants_in_two_profiles(raw: Path) -> None:
    """The peer groups: the category family (hardlines: consumables, home, electronics; softlines:
    apparel, beauty) carrying most of a merchant's SKUs in products.csv; at least 5 merchants each."""
    products = read(raw, "products")
    products = products[products["category"].isin(["consumables", "home", "electronics", "apparel", "beauty"])]
    family = products["category"].map(lambda c: "softlines" if c in ("apparel", "beauty") else "hardlines")
    profile = family.groupby(products["merchant_id"]).agg(lambda f: f.value_counts().idxmax())
    assert len(profile) == 12
    assert profile.value_counts().to_dict() == {"softlines": 7, "hardlines": 5}
    assert profile.to_dict() == {m.merchant_id: retail.merchant_profile(m) for m in retail.MERCHANTS}


def test_generated_defects_are_caught_end_to_end(raw: Path, build_warehouse) -> None:
    """A build on the generated data: every reason code is used, every broken sequence is logged
    (3 dropped + 2 unnumbered receipts = 5 gaps, 2 swapped pairs), and all merchants get all
    26 KPIs on their dashboard (twelve merchants)."""
    db = build_warehouse(raw.parent, END, "retail_generated", {"KPI_APPLY_MIN_SAMPLES": "true"})
    reasons = {r[0] for r in query(db, "select distinct quarantine_reason from fct_dq_quarantined_records where source_system = 'retail'")}
    assert reasons == {"null_key", "duplicate_key", "invalid_enum", "invalid_number", "invalid_timestamp",
                       "orphan_key", "parent_quarantined"}
    issues = dict(query(db, "select issue_type, count(*) from fct_retail_integrity_issues group by 1"))
    assert issues == {"sequence_gap": 5, "sequence_out_of_order": 2}
    per_merchant = query(db, "select entity_id, count(distinct kpi_id) from kpi_dashboard"
                             " where entity_type = 'merchant' and spec_ref like '001:%' group by 1 order by 1")
    assert per_merchant == [(f"R{i:02d}", 26) for i in range(1, 13)]
