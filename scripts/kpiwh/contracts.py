"""The raw tables' contracts, read from the dbt sources (models/staging/<system>/_<system>__sources.yml).

The same declaration dbt's base models are generated from: Python reads it for the Great
Expectations suites and for docs/raw_data_contract.md, so there is no second copy to drift.
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

import yaml

from kpiwh.config import REPO_ROOT

DATA_TYPES = ("string", "integer", "numeric", "date", "timestamp", "boolean")


@dataclass(frozen=True)
class Column:
    raw_name: str
    name: str
    data_type: str
    description: str
    nullable: bool
    required: bool
    rules: dict[str, Any]


@dataclass(frozen=True)
class Table:
    system: str
    name: str
    description: str
    key: tuple[str, ...]
    entity: str | None
    loaded_at: str | None
    checks: tuple[dict[str, str], ...]
    columns: tuple[Column, ...]
    # The system's own fixed file format (source meta file_format), else None: KPI_RAW_FORMAT.
    file_format: str | None = None

    @property
    def staged_model(self) -> str:
        return f"stg_{self.system}__{self.name}"


def _table(system: str, entry: dict[str, Any], file_format: str | None) -> Table:
    meta = entry.get("meta") or {}
    key = tuple(meta.get("key", ()))
    columns = []
    for column in entry.get("columns", []):
        rules = column.get("meta") or {}
        name = rules.get("rename", column["name"])
        columns.append(Column(
            raw_name=column["name"],
            name=name,
            data_type=column.get("data_type", "string"),
            description=" ".join(str(column.get("description", "")).split()),
            nullable=name not in key and rules.get("nullable", True),
            required=name in key or rules.get("required", False),
            rules=rules,
        ))
    return Table(
        system=system,
        name=entry["name"],
        description=" ".join(str(entry.get("description", "")).split()),
        key=key,
        entity=meta.get("entity"),
        loaded_at=meta.get("loaded_at", "loaded_at"),
        checks=tuple(meta.get("checks", ())),
        columns=tuple(columns),
        file_format=file_format,
    )


@cache
def tables() -> tuple[Table, ...]:
    """Every contracted raw table, system by system in source_catalog order."""
    from kpiwh.systems import catalog

    found: list[Table] = []
    for system in catalog():
        path = REPO_ROOT / "models" / "staging" / system / f"_{system}__sources.yml"
        for source in yaml.safe_load(path.read_text())["sources"]:
            file_format = ((source.get("config") or {}).get("meta") or {}).get("file_format")
            found.extend(_table(system, entry, file_format) for entry in source["tables"])
    return tuple(found)
