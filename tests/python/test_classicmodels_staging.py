"""Classic Models staging on a hand-made defective fixture (the real files have no such defects):
trimming, status normalisation, quarantine reasons, invalid dates kept out of the on-time KPI
only, the exclusion counts, and the as_of defaulting to the last clean order date."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES, query

FIXTURE = FIXTURES / "classicmodels_defects"


@pytest.fixture(scope="module")
def db(build_warehouse, tmp_path_factory) -> Path:
    empty_raw = tmp_path_factory.mktemp("classicmodels_defects_raw")
    env = {"KPI_CLASSICMODELS_DIR": str(FIXTURE), "KPI_SOURCE_SYSTEMS": "classicmodels"}
    return build_warehouse(empty_raw, date(2026, 11, 20), "classicmodels_defects", env)


def test_quarantine_reasons(db):
    rows = query(
        db,
        "select source_table, record_key, quarantine_reason from fct_dq_quarantined_records"
        " where source_system = 'classicmodels' order by 1, 2, 3",
    )
    assert rows == [
        ("customers", "114", "parent_quarantined"),  # its rep 1999 sits in an unknown office
        ("employees", "1999", "orphan_key"),  # office 9 does not exist
        ("orderdetails", "3-S10_1", "parent_quarantined"),  # order 3 is quarantined
        ("orders", "3", "invalid_timestamp"),  # order date 2004-13-45
        ("orders", "5", "duplicate_key"),  # ' in process ' and 'In Process' are one order twice
        ("orders", "6", "invalid_enum"),  # status 'Lost'
        ("orders", "7", "parent_quarantined"),  # customer 114 is quarantined
    ]
    # Row conservation: 8 raw orders = 4 clean + 4 quarantined.
    assert query(db, "select count(*) from stg_classicmodels__orders") == [(4,)]


def test_trimming_and_status_normalisation(db):
    assert query(db, "select country from stg_classicmodels__customers where customer_id = 103") == [("France",)]
    assert query(db, "select order_status from stg_classicmodels__orders where order_id = 5") == [("in_process",)]
    assert query(db, "select product_description from stg_classicmodels__products where product_id = 'S10_1'") == [("multi\nline",)]


def test_invalid_shipped_date_is_excluded_from_on_time_only(db):
    # Order 4 (shipped 2004-02-30) keeps its revenue but leaves the on-time KPI: orders 1 (on
    # time) and 2 (late) are judged, so 1 / 2 = 50 %.
    assert query(db, "select shipped_date, is_shipped_date_invalid from stg_classicmodels__orders where order_id = 4") == [(None, True)]
    row = query(db, "select revenue, revenue_order_count, avg_order_value, shipped_order_count, on_time_rate_pct from fct_classicmodels_yearly")
    # Revenue 2*10 + 1*5 (order 1) + 3*10 (order 2) + 4*5 (order 4) + 1*10 (order 5) = 85 over 4 orders.
    assert [(float(row[0][0]), row[0][1], row[0][2], row[0][3], row[0][4])] == [(85.0, 4, 21.25, 2, 50.0)]


def test_exclusion_counts(db):
    rows = dict((scope, (n, excluded, share)) for scope, n, excluded, share in query(
        db, "select kpi_scope, record_count, excluded_count, excluded_share_pct from fct_classicmodels_kpi_exclusions"
    ))
    assert rows["order_kpis"] == (8, 1, pytest.approx(12.5))  # order 3 of 8 raw rows
    assert rows["on_time_delivery"] == (3, 1, pytest.approx(100 / 3))  # orders 1, 2, 4 shipped; 4 invalid
    assert rows["any_date_field"] == (8, 2, pytest.approx(25.0))  # orders 3 and 4


def test_as_of_is_the_last_clean_order_date(db):
    assert query(db, "select as_of_date from int_classicmodels_as_of_resolved") == [(date(2004, 5, 10),)]
