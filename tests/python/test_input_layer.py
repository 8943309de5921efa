"""Bad input has a clear outcome and nothing is lost (issue: the input layer, rebuilt).

Each build copies the hand-made storefront fixture and breaks it in known ways; the expected
outcome of every broken line is written here by hand, and row conservation is counted from the
raw bytes by Python, not by the warehouse.
"""
from __future__ import annotations

import shutil
from datetime import date, datetime
from pathlib import Path

import pandas as pd
import pytest

from conftest import FIXTURES, query
from kpiwh import systems

AS_OF = date(2026, 11, 20)
BASIC = FIXTURES / "storefront_basic"
LOADED = "2026-11-21 02:00:00"

# Lines appended to orders.csv, each with the outcome it must have.
ORDER_LINES_APPENDED = [
    f"M01,O9001,C2,2026-11-01T10:00:00+02:00,50.00,USD,paid,fulfilled,,{LOADED}",  # 08:00 UTC
    f"M01,O9002,C2,11/01/2026,50.00,USD,paid,fulfilled,,{LOADED}",  # ambiguous date
    f"M01,NULL,C2,2026-11-02 10:00:00,50.00,USD,paid,fulfilled,,{LOADED}",  # literal NULL key
    f"M01,   ,C2,2026-11-02 11:00:00,50.00,USD,paid,fulfilled,,{LOADED}",  # blank key
    f"M01,O9003,C2,2026-11-03 10:00:00,60.00,USD,paid,fulfilled,,{LOADED}",  # conflicting copies
    f"M01,O9003,C2,2026-11-03 10:00:00,61.00,USD,paid,fulfilled,,{LOADED}",
    f"M01,O9004,C2,2026-11-04 10:00:00,70.00,USD,paid,fulfilled,,{LOADED},surplus",  # too many fields
    "M01,O9005,C2",  # too few fields
    f"M01,O9006,C2\xff,2026-11-05 10:00:00,75.00,USD,paid,fulfilled,,{LOADED}",  # invalid UTF-8
    f'M01,"O9007,C2,2026-11-06 10:00:00,80.00,USD,paid,fulfilled,,{LOADED}',  # unterminated quote (last line)
]


def _copy_fixture(tmp: Path) -> Path:
    raw = tmp / "raw"
    shutil.copytree(BASIC, raw)
    return raw


def _data_lines(path: Path) -> int:
    """Raw data lines of a CSV file: physical lines minus the header (the fixture has no quoted newlines)."""
    return max(path.read_bytes().count(b"\n") - 1, 0)


@pytest.fixture(scope="module")
def malformed(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = _copy_fixture(tmp_path_factory.mktemp("malformed_raw"))
    orders = raw / "storefront" / "orders.csv"
    with orders.open("ab") as f:
        for line in ORDER_LINES_APPENDED:
            f.write(line.encode("latin-1") + b"\n")
    # Columns in another order, and one the contract does not know.
    customers = pd.read_csv(raw / "storefront" / "customers.csv", dtype=str, keep_default_na=False)
    customers["loyalty_tier"] = "gold"
    customers[["loyalty_tier", *reversed(list(customers.columns[:-1]))]].to_csv(raw / "storefront" / "customers.csv", index=False)
    # A required column missing.
    products = pd.read_csv(raw / "storefront" / "products.csv", dtype=str, keep_default_na=False)
    products.drop(columns=["unit_cost"]).to_csv(raw / "storefront" / "products.csv", index=False)
    return build_warehouse(raw, AS_OF, "input_malformed")


@pytest.fixture(scope="module")
def basic(build_warehouse) -> Path:
    return build_warehouse(BASIC, AS_OF, "storefront_basic")


def _quarantine(db: Path, table: str) -> list[tuple]:
    return query(db, "select record_key, quarantine_reason, quarantine_detail, source_line, raw_line from fct_dq_quarantined_records "
                     "where source_system = 'storefront' and source_table = ? order by source_line, record_key, quarantine_reason", [table])


def test_offset_timestamps_are_converted_to_utc(malformed: Path) -> None:
    assert query(malformed, "select created_at from stg_storefront__orders where order_id = 'O9001'") == [(datetime(2026, 11, 1, 8, 0),)]


def test_malformed_lines_are_quarantined_with_line_and_error(malformed: Path) -> None:
    first_appended = _data_lines(BASIC / "storefront" / "orders.csv") + 2  # the header is line 1
    rejected = [r for r in _quarantine(malformed, "orders") if r[1] == "malformed_line"]
    expected_lines = [first_appended + i for i in (6, 7, 8, 9)]
    assert [r[3] for r in rejected] == expected_lines
    assert [r[0] for r in rejected] == [f"line {n}" for n in expected_lines]
    details = [r[2] for r in rejected]
    assert details[0].startswith("TOO MANY COLUMNS")
    assert details[1].startswith("MISSING COLUMNS")
    assert details[2].startswith("INVALID ENCODING")
    assert details[3].startswith("UNQUOTED VALUE")
    assert rejected[1][4] == "M01,O9005,C2"


def test_bad_values_are_quarantined_with_the_column_named(malformed: Path) -> None:
    rows = {(r[0], r[1], r[2]) for r in _quarantine(malformed, "orders") if r[1] != "malformed_line"}
    assert ("O9002", "invalid_timestamp", "created_at is not a valid timestamp") in rows
    assert [r for r in rows if r[0] == "O9003"] == [("O9003", "conflicting_duplicate", "copies of the key differ in their values")] * 1
    assert query(malformed, "select count(*) from fct_dq_quarantined_records where record_key = 'O9003'") == [(2,)]
    # The fixture's own null key plus the literal NULL and the blank one.
    assert query(malformed, "select count(*) from fct_dq_quarantined_records where source_table = 'orders' and quarantine_reason = 'null_key'") == [(3,)]


def test_every_raw_line_is_clean_or_quarantined(malformed: Path) -> None:
    for table in ("merchants", "products", "customers", "orders", "order_lines"):
        lines = _data_lines(Path(query(malformed, "select file_path from stg_dq_history__raw_file_audits where source_table = ?", [table])[0][0]))
        clean = query(malformed, f"select count(*) from stg_storefront__{table}")[0][0]
        quarantined = query(malformed, "select count(*) from fct_dq_quarantined_records where source_table = ?", [table])[0][0]
        assert lines == clean + quarantined, table


def test_columns_are_read_by_name_and_extra_ones_reported(malformed: Path, basic: Path) -> None:
    columns = "merchant_id, customer_id, country_code, accepts_marketing, created_at, loaded_at"
    assert query(malformed, f"select {columns} from stg_storefront__customers order by all") == query(basic, f"select {columns} from stg_storefront__customers order by all")
    issue = query(malformed, "select severity, detail from fct_dq_issues where check_name = 'extra_column'")
    assert len(issue) == 1 and issue[0][0] == "LOW" and issue[0][1].endswith("ignored: loyalty_tier")


def test_a_missing_required_column_is_critical_and_named(malformed: Path) -> None:
    issue = query(malformed, "select source_table, severity, detail from fct_dq_issues where check_name = 'missing_column'")
    assert len(issue) == 1
    table, severity, detail = issue[0]
    assert (table, severity) == ("products", "CRITICAL")
    assert detail == str(Path(query(malformed, "select file_path from stg_dq_history__raw_file_audits where source_table = 'products'")[0][0])) + " lacks column(s) unit_cost"
    raw_products = _data_lines(BASIC / "storefront" / "products.csv")
    assert query(malformed, "select count(*) from fct_dq_quarantined_records where source_table = 'products' and quarantine_reason = 'missing_column'") == [(raw_products,)]
    assert query(malformed, "select count(*) from stg_storefront__products") == [(0,)]


@pytest.fixture(scope="module")
def emptied(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = _copy_fixture(tmp_path_factory.mktemp("empty_raw"))
    (raw / "storefront" / "customers.csv").write_bytes(b"")  # zero bytes
    header = (raw / "storefront" / "order_lines.csv").read_text().splitlines()[0]
    (raw / "storefront" / "order_lines.csv").write_text(header + "\n")  # header only
    (raw / "storefront" / "products.csv").unlink()  # missing
    return build_warehouse(raw, AS_OF, "input_empty")


def test_empty_and_missing_files_are_critical_issues(emptied: Path) -> None:
    issues = set(query(emptied, "select source_table, check_name, severity from fct_dq_issues where check_name in ('empty_table', 'missing_table')"))
    assert issues == {("customers", "empty_table", "CRITICAL"), ("order_lines", "empty_table", "CRITICAL"), ("products", "missing_table", "CRITICAL")}
    assert query(emptied, "select file_status from stg_dq_history__raw_file_audits where source_table = 'products'") == [("missing_file",)]
    assert query(emptied, "select file_status from stg_dq_history__raw_file_audits where source_table = 'customers'") == [("empty_file",)]


def test_kpis_on_missing_inputs_are_no_data_with_a_trust_note(emptied: Path) -> None:
    # Seed kpi_inputs: the sales domain reads order_lines, which has no row.
    rows = query(emptied, "select status, value, is_trusted, trust_note from kpi_dashboard where kpi_id = 'sales.daily_revenue' and entity_id = 'M01'")
    assert len(rows) == 1
    status, value, is_trusted, note = rows[0]
    assert (status, value, is_trusted) == ("NO_DATA", None, False)
    assert "storefront.order_lines" in note
    assert query(emptied, "select count(*) from kpi_values where kpi_id like 'sales.%' and value is not null") == [(0,)]


def _native_parquet(src: Path, dst: Path) -> None:
    """The fixture as Parquet with native types: TIMESTAMP, DOUBLE, BIGINT, BOOLEAN (and text keys)."""
    (dst / "storefront").mkdir(parents=True)
    timestamps = ("created_at", "cancelled_at", "_loaded_at")
    for csv in (src / "storefront").glob("*.csv"):
        frame = pd.read_csv(csv, dtype=str)
        for column in frame.columns:
            if column in timestamps:
                frame[column] = pd.to_datetime(frame[column], errors="coerce")
            elif column in ("total_price", "unit_cost", "unit_price"):
                frame[column] = pd.to_numeric(frame[column], errors="coerce")
            elif column == "quantity":
                frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
            elif column == "accepts_marketing":
                frame[column] = frame[column].map({"true": True, "false": False})
        frame.to_parquet(dst / "storefront" / f"{csv.stem}.parquet", index=False)


@pytest.fixture(scope="module")
def native_parquet(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("native_parquet")
    _native_parquet(BASIC, raw)
    return build_warehouse(raw, AS_OF, "input_native_parquet", {"KPI_RAW_FORMAT": "parquet"})


def test_native_parquet_gives_the_same_kpis_as_csv(native_parquet: Path, basic: Path) -> None:
    columns = "kpi_id, entity_id, grain, period_start, status, value"
    from_parquet = query(native_parquet, f"select {columns} from kpi_values order by all")
    from_csv = query(basic, f"select {columns} from kpi_values order by all")
    assert [r[:5] for r in from_parquet] == [r[:5] for r in from_csv]
    # Averages of doubles may differ in the last bits with the order DuckDB adds them in.
    assert [r[5] for r in from_parquet] == [pytest.approx(r[5], rel=1e-12) if r[5] is not None else None for r in from_csv]


@pytest.fixture(scope="module")
def wrong_types(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> Path:
    raw = tmp_path_factory.mktemp("wrong_types")
    _native_parquet(BASIC, raw)
    lines = pd.read_parquet(raw / "storefront" / "order_lines.parquet")
    extra = lines.iloc[[0]].assign(order_line_id="O0001-half", quantity=2.5)
    pd.concat([lines.astype({"quantity": "float64"}), extra]).to_parquet(raw / "storefront" / "order_lines.parquet", index=False)
    products = pd.read_parquet(raw / "storefront" / "products.parquet")
    products.assign(unit_price=True).to_parquet(raw / "storefront" / "products.parquet", index=False)
    return build_warehouse(raw, AS_OF, "input_wrong_types", {"KPI_RAW_FORMAT": "parquet"})


def test_a_type_that_cannot_hold_the_value_is_quarantined(wrong_types: Path, basic: Path) -> None:
    half = query(wrong_types, "select quarantine_reason, quarantine_detail from fct_dq_quarantined_records where record_key = 'O0001-half'")
    assert half == [("invalid_number", "quantity is not a valid integer")]
    # Every product but SKU-BAD, whose negative cost the fixture already quarantines.
    products = query(wrong_types, "select distinct quarantine_reason, quarantine_detail from fct_dq_quarantined_records "
                                  "where source_table = 'products' and record_key != 'SKU-BAD'")
    assert products == [("invalid_number", "unit_price is not a valid numeric")]
    assert query(wrong_types, "select count(*) from stg_storefront__products") == [(0,)]
    # Whole quantities stored as doubles (2.0) are read as the integers they are.
    lines = "select order_line_id, quantity from stg_storefront__order_lines order by all"
    assert query(wrong_types, lines) == query(basic, lines)


def test_paths_are_quoted_not_pasted_into_sql(build_warehouse, tmp_path_factory: pytest.TempPathFactory, basic: Path) -> None:
    hostile = tmp_path_factory.mktemp("paths") / "o'brien" / "x') union all select * from read_text('/etc/hostname') --"
    shutil.copytree(BASIC, hostile)
    db = build_warehouse(hostile, AS_OF, "input_hostile_path")
    assert query(db, "select count(*) from base_storefront__orders") == query(basic, "select count(*) from base_storefront__orders")
    paths = {p for (p,) in query(db, "select file_path from stg_dq_history__raw_file_audits")}
    assert paths == {str(hostile / "storefront" / f"{t}.csv") for t in ("merchants", "products", "customers", "orders", "order_lines")}


def test_a_missing_system_folder_that_others_need_is_missing_tables(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> None:
    raw = tmp_path_factory.mktemp("no_storefront")
    shutil.copytree(FIXTURES / "storefront_ops", raw, dirs_exist_ok=True)
    shutil.rmtree(raw / "storefront")
    assert "storefront" in systems.select(raw, external=False).systems
    db = build_warehouse(raw, AS_OF, "input_no_storefront")
    missing = {t for (t,) in query(db, "select source_table from fct_dq_issues where check_name = 'missing_table' and source_system = 'storefront'")}
    assert missing == {"merchants", "products", "customers", "orders", "order_lines"}


def test_requested_systems_tolerate_spaces_and_name_unknown_ones() -> None:
    assert systems.requested_systems("storefront, retail") == {"storefront", "retail"}
    assert systems.requested_systems(" all ") is None
    with pytest.raises(SystemExit, match="unknown systems: shop"):
        systems.requested_systems("storefront,shop")


def test_dependent_systems_are_skipped_with_a_message(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "storefront_ops" / "ops", tmp_path / "ops")
    selection = systems.select(tmp_path, {"ops"}, external=False)
    assert selection.systems == ()
    assert selection.skipped == ("ops: needs storefront, which is not built; its models are skipped.",)


def test_activity_before_the_entity_was_created_keeps_its_history(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> None:
    """M01's created_at moved after its first conversations: its CX calendar starts at its first
    activity, and open escalations are those of the conversations, counted here with pandas."""
    ops_fixture = FIXTURES / "storefront_ops"
    raw = tmp_path_factory.mktemp("created_late") / "raw"
    shutil.copytree(ops_fixture, raw)
    merchants = pd.read_csv(raw / "storefront" / "merchants.csv", dtype=str, keep_default_na=False)
    merchants.loc[merchants["merchant_id"] == "M01", "created_at"] = "2026-03-11 12:00:00"
    merchants.to_csv(raw / "storefront" / "merchants.csv", index=False)
    as_of = date(2026, 3, 11)
    db = build_warehouse(raw, as_of, "input_created_late")

    conversations = pd.read_csv(raw / "helpdesk" / "conversations.csv", dtype=str, keep_default_na=False, na_values=[""])
    # C-BAD is quarantined (invalid status); every other M01 row is usable.
    m01 = conversations[(conversations["merchant_id"] == "M01") & (conversations["conversation_id"] != "C-BAD")]
    escalated = m01[m01["is_escalated"] == "true"]
    first_day = pd.to_datetime(m01["created_at"]).dt.date.min()
    expected = {}
    for day in pd.date_range(first_day, as_of).date:
        opened = pd.to_datetime(escalated["escalated_at"]).dt.date <= day
        still_open = escalated["closed_at"].isna() | (pd.to_datetime(escalated["closed_at"]).dt.date > day)
        expected[day] = float((opened & still_open).sum())
    got = dict(query(db, "select period_start, value from kpi_values where kpi_id = 'cx.open_escalations' and entity_id = 'M01' order by 1"))
    assert first_day < date(2026, 3, 11)
    assert got == expected


def test_negative_sentiment_without_any_score_is_no_data(build_warehouse, tmp_path_factory: pytest.TempPathFactory) -> None:
    """An export with no sentiment scores has measured nothing: 4.4 is NO_DATA every day, never 0 % GREEN,
    while the CX KPIs that do not need a score keep their values."""
    raw = tmp_path_factory.mktemp("unscored") / "raw"
    shutil.copytree(FIXTURES / "storefront_ops", raw)
    conversations = pd.read_csv(raw / "helpdesk" / "conversations.csv", dtype=str, keep_default_na=False)
    conversations["sentiment"] = ""
    conversations.to_csv(raw / "helpdesk" / "conversations.csv", index=False)
    db = build_warehouse(raw, date(2026, 3, 11), "input_unscored")
    rows = query(db, "select kpi_id, value, status from kpi_values "
                     "where kpi_id in ('cx.negative_sentiment_share', 'cx.sla_breach_rate') and entity_id = 'M01' and grain = 'day' order by all")
    # M01 has conversations on 03-09, 03-10 and 03-11 (fixture): SLA breach rate has a value each day.
    assert [(value, status) for kpi_id, value, status in rows if kpi_id == "cx.negative_sentiment_share"] == [(None, "NO_DATA")] * 3
    assert len([value for kpi_id, value, _ in rows if kpi_id == "cx.sla_breach_rate" and value is not None]) == 3
