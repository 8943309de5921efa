"""Which source systems a build includes, decided in one place and handed to dbt as a var.

The systems, their raw tables and the systems each needs are declared once, in the var
`source_catalog` of dbt_project.yml. A system is built when its raw files are present, it is
requested (env KPI_SOURCE_SYSTEMS, comma-separated; unset means every present system), and the
systems it requires are built too. dbt receives the result as `--vars {source_systems: [...]}`;
nothing in the dbt project parses an environment variable for it.
"""
from __future__ import annotations

import json
import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from kpiwh.config import EXTERNAL_SYSTEM_DIRS, REPO_ROOT, system_dir


@dataclass(frozen=True)
class SourceSystem:
    name: str
    tables: tuple[str, ...]
    requires: tuple[str, ...]


@cache
def catalog() -> dict[str, SourceSystem]:
    """The var source_catalog of dbt_project.yml, in its order."""
    project = yaml.safe_load((REPO_ROOT / "dbt_project.yml").read_text())
    return {
        name: SourceSystem(name, tuple(entry["tables"]), tuple(entry.get("requires", [])))
        for name, entry in project["vars"]["source_catalog"].items()
    }


@dataclass(frozen=True)
class Selection:
    """The systems to build, and a message for each system left out."""

    systems: tuple[str, ...]
    skipped: tuple[str, ...]

    def dbt_args(self, args: list[str]) -> list[str]:
        """A dbt command line with source_systems merged into its --vars (a user's own --vars kept)."""
        args = list(args)
        extra: dict = {}
        if "--vars" in args:
            at = args.index("--vars")
            extra = yaml.safe_load(args[at + 1]) or {}
            del args[at : at + 2]
        return [*args, "--vars", json.dumps({**extra, "source_systems": list(self.systems)})]


def has_files(system: str, raw_dir: Path) -> bool:
    folder = system_dir(system, raw_dir)
    return folder.is_dir() and any(folder.iterdir())


def requested_systems(text: str | None) -> set[str] | None:
    """KPI_SOURCE_SYSTEMS as a set ('storefront, retail' and 'storefront,retail' alike); None when unset or 'all'."""
    if text is None or text.strip() in ("", "all"):
        return None
    names = {part.strip() for part in text.split(",") if part.strip()}
    unknown = names - set(catalog()) - {"none"}
    if unknown:
        raise SystemExit(f"KPI_SOURCE_SYSTEMS names unknown systems: {', '.join(sorted(unknown))} (known: {', '.join(catalog())})")
    return names - {"none"}


def select(raw_dir: Path, requested: set[str] | None = None, external: bool = True) -> Selection:
    """The systems to build from `raw_dir`; `external=False` leaves out systems with their own folder unless requested."""
    chosen: list[str] = []
    skipped: list[str] = []
    # A system others need is built even without files: its tables are then missing_table issues.
    needed = {r for name, system in catalog().items() if has_files(name, raw_dir) for r in system.requires}
    for name, system in catalog().items():
        if requested is not None and name not in requested:
            continue
        if requested is None and not external and name in EXTERNAL_SYSTEM_DIRS:
            continue
        if not has_files(name, raw_dir) and name not in needed:
            hint = f" (set {EXTERNAL_SYSTEM_DIRS[name][0]})" if name in EXTERNAL_SYSTEM_DIRS else ""
            skipped.append(f"{name}: no files under {system_dir(name, raw_dir)}{hint}; its models are skipped.")
            continue
        missing = [r for r in system.requires if r not in chosen]
        if missing:
            skipped.append(f"{name}: needs {', '.join(missing)}, which is not built; its models are skipped.")
            continue
        chosen.append(name)
    return Selection(tuple(chosen), tuple(skipped))


def select_from_env(raw_dir: Path, external: bool = True) -> Selection:
    return select(raw_dir, requested_systems(os.environ.get("KPI_SOURCE_SYSTEMS")), external)
