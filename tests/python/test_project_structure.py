"""The project's structure rules (those of dbt-project-evaluator, which cannot be installed here),
checked on the manifest of a `dbt parse` with every source system enabled."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from kpiwh import contract_docs, contracts, systems
from kpiwh.config import REPO_ROOT

# Sources deliberately without freshness: a static historical data set, and a table every
# build rewrites (its age says nothing about the raw data).
FRESHNESS_EXCEPTIONS = {"source.kpi_warehouse.dq_history.raw_file_audits"}
FRESHNESS_EXCEPTION_SOURCES = {"classicmodels"}
PRIMARY_KEY_TESTS = {"unique", "unique_combination_of_columns", "contract_primary_key"}
MAX_CHAINED_VIEWS = 5
# The models without parents: calendars generated from as_of (docs/architecture.md), the
# business-day calendar of the fulfilment SLAs and MetricFlow's time spine, which BI reads.
CALENDARS = ["int_business_days_numbered", "dim_dates"]
NAMING = {
    "staging": re.compile(r"^(base|stg)_[a-z0-9_]+?__[a-z0-9_]+$"),
    "intermediate": re.compile(r"^int_[a-z0-9_]+$"),
    "marts": re.compile(r"^(fct|dim)_[a-z0-9_]+$"),
    "kpi": re.compile(r"^kpi_[a-z0-9_]+$"),
}


@pytest.fixture(scope="module")
def manifest(tmp_path_factory: pytest.TempPathFactory) -> dict:
    target = tmp_path_factory.mktemp("structure")
    env = {**os.environ, "DBT_PROFILES_DIR": str(REPO_ROOT), "KPI_DUCKDB_PATH": str(target / "parse.duckdb"),
           "DBT_TARGET_PATH": str(target / "target"), "DBT_LOG_PATH": str(target / "logs")}
    result = subprocess.run([str(Path(sys.executable).with_name("dbt")), "parse"], cwd=REPO_ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-3000:]
    return json.loads((target / "target" / "manifest.json").read_text())


def _models(manifest: dict) -> dict[str, dict]:
    return {uid: node for uid, node in manifest["nodes"].items() if node["resource_type"] == "model"}


def _layer(node: dict) -> str:
    return node["fqn"][1] if len(node["fqn"]) > 2 else "root"


def test_no_model_reads_a_source_and_another_model(manifest: dict) -> None:
    mixed = [
        node["name"] for node in _models(manifest).values()
        if any(d.startswith("source.") for d in node["depends_on"]["nodes"])
        and any(d.startswith("model.") for d in node["depends_on"]["nodes"])
    ]
    assert mixed == []


def test_sources_are_read_only_by_their_own_staging_model(manifest: dict) -> None:
    """A raw table is read by its base_ model; a table the build maintains, by one stg_ model."""
    readers: dict[str, list[str]] = {}
    for node in _models(manifest).values():
        for dependency in node["depends_on"]["nodes"]:
            if dependency.startswith("source."):
                _, _, source_name, table = dependency.split(".")
                readers.setdefault(dependency, []).append(node["name"])
                expected = f"base_{source_name}__{table}" if source_name in systems.catalog() else None
                assert node["name"] == expected or (expected is None and node["name"].startswith(f"stg_{source_name}__")), dependency
                assert node["original_file_path"].startswith(f"models/staging/{source_name}/"), node["name"]
    assert all(len(names) == 1 for names in readers.values()), readers


def test_staging_reads_staging_only_within_the_documented_exception(manifest: dict) -> None:
    """A stg_ model reads its own base_ model and, to drop orphans, its parents' stg_ models;
    a base_ model reads only its source."""
    models = _models(manifest)
    for node in models.values():
        if _layer(node) != "staging":
            continue
        parents = [models[d]["name"] for d in node["depends_on"]["nodes"] if d in models]
        if node["name"].startswith("base_"):
            assert parents == [], f"{node['name']} reads {parents}"
        else:
            own_base = "base_" + node["name"][len("stg_"):]
            others = [p for p in parents if p != own_base]
            assert all(p.startswith("stg_") for p in others), f"{node['name']} reads {others}"


def test_every_model_has_a_primary_key_test(manifest: dict) -> None:
    tested = set()
    for node in manifest["nodes"].values():
        if node["resource_type"] == "test" and (node.get("test_metadata") or {}).get("name") in PRIMARY_KEY_TESTS:
            tested.update(node["depends_on"]["nodes"])
    missing = sorted(node["name"] for uid, node in _models(manifest).items() if uid not in tested)
    assert missing == []


def test_every_model_and_source_is_documented(manifest: dict) -> None:
    undocumented = [node["name"] for node in _models(manifest).values() if not node["description"].strip()]
    undocumented += [s["unique_id"] for s in manifest["sources"].values() if not s["description"].strip()]
    undocumented += [
        f"{s['unique_id']}.{column}" for s in manifest["sources"].values()
        for column, spec in s["columns"].items() if not spec["description"].strip()
    ]
    assert undocumented == []


def test_every_source_has_freshness(manifest: dict) -> None:
    without = [
        uid for uid, s in manifest["sources"].items()
        if not ((s.get("freshness") or {}).get("warn_after") or {}).get("count")
        and uid not in FRESHNESS_EXCEPTIONS and s["source_name"] not in FRESHNESS_EXCEPTION_SOURCES
    ]
    assert without == []


def test_chains_of_views_are_short(manifest: dict) -> None:
    models = _models(manifest)
    views = {uid for uid, node in models.items() if node["config"]["materialized"] == "view"}
    depth: dict[str, int] = {}

    def chain(uid: str) -> int:
        if uid not in depth:
            upstream = [d for d in models[uid]["depends_on"]["nodes"] if d in views]
            depth[uid] = 1 + max((chain(d) for d in upstream), default=0)
        return depth[uid]

    longest = max((chain(uid) for uid in views), default=0)
    assert longest <= MAX_CHAINED_VIEWS


def test_no_root_models_but_the_calendars(manifest: dict) -> None:
    roots = [node["name"] for node in _models(manifest).values() if not node["depends_on"]["nodes"]]
    assert sorted(roots) == sorted(CALENDARS)


def test_model_names_follow_their_layer(manifest: dict) -> None:
    wrong = [
        f"{_layer(node)}/{node['name']}" for node in _models(manifest).values()
        if _layer(node) in NAMING and not NAMING[_layer(node)].match(node["name"])
    ]
    assert wrong == []


def test_base_models_are_tables_and_one_per_raw_table(manifest: dict) -> None:
    models = {node["name"]: node for node in _models(manifest).values()}
    for table in contracts.tables():
        base = models[f"base_{table.system}__{table.name}"]
        assert base["config"]["materialized"] == "table"
        assert base["original_file_path"].endswith(f"/{table.system}/base/base_{table.system}__{table.name}.sql")


def test_source_catalog_lists_exactly_the_contracted_tables() -> None:
    """The var source_catalog (needed while dbt parses) and the sources (the contracts) agree."""
    declared = {(name, table) for name, system in systems.catalog().items() for table in system.tables}
    contracted = {(t.system, t.name) for t in contracts.tables()}
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    assert declared == contracted
    assert project["vars"]["source_systems"] == list(systems.catalog())


def test_every_contract_column_has_a_known_type() -> None:
    for table in contracts.tables():
        assert table.key, table.name
        for column in table.columns:
            assert column.data_type in contracts.DATA_TYPES, (table.name, column.raw_name)
        assert {c.name for c in table.columns} >= set(table.key), table.name


def test_raw_data_contract_document_is_current(manifest: dict) -> None:
    """docs/raw_data_contract.md documents every column dbt knows of every raw table, with its type."""
    document = (REPO_ROOT / "docs" / "raw_data_contract.md").read_text()
    sections = dict(re.findall(r"^### (\S+)\n(.*?)(?=^### |\Z)", document, flags=re.S | re.M))
    raw_tables = [s for s in manifest["sources"].values() if s["source_name"] != "dq_history"]
    assert {f"{s['source_name']}/{s['name']}" for s in raw_tables} == set(sections)
    type_words = {"varchar": "text", "bigint": "whole number", "integer": "whole number", "double": "decimal",
                  "decimal": "decimal", "numeric": "decimal", "date": "date", "timestamp": "timestamp", "boolean": "boolean"}
    for source in raw_tables:
        documented = {
            row[0]: row[1] for row in re.findall(r"^\| (\S+) \| ([^|]+) \|", sections[f"{source['source_name']}/{source['name']}"], flags=re.M)
        }
        for name, column in source["columns"].items():
            data_type = (column.get("data_type") or "varchar").split("(")[0].lower()
            assert documented.get(name, "").startswith(type_words[data_type]), (source["name"], name)
    # The generated part is exactly what the contracts render now.
    assert contract_docs.render() in document
