"""Everything a build reads, as one digest: a nightly whose digest equals that of the build it
last published has nothing to rebuild (the marts are a function of these inputs, as_of included).

Raw files count by path, size and modification time (as make judges them: hashing gigabytes
every night would cost more than it saves); the project's own files by content.
"""
from __future__ import annotations

import hashlib
import json
import os
from datetime import UTC, date, datetime, timedelta
from importlib import metadata
from pathlib import Path

from kpiwh import systems
from kpiwh.config import REPO_ROOT, system_dir
from kpiwh.exit_codes import BAD_ENVIRONMENT, KpiwhError

# What dbt and the checkpoint read of the repository.
PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "models", "macros", "seeds", "tests/dbt", "analyses", "scripts/kpiwh")
PACKAGES = ("dbt-core", "dbt-duckdb", "duckdb", "great-expectations")


def _files(root: Path) -> list[Path]:
    if root.is_file():
        return [root]
    return sorted(p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts)


def _version(package: str) -> str:
    try:
        return metadata.version(package)
    except metadata.PackageNotFoundError:
        return "absent"


def digest(raw_dir: Path, as_of: date | None, dbt_args: list[str]) -> str:
    """The digest of one build's inputs: raw files of the systems built, project files, package
    versions, the KPI_ settings, the resolved as_of and the dbt arguments."""
    selection = systems.select_from_env(raw_dir)
    raw = {
        f"{system}/{path.relative_to(folder)}": [stat.st_size, stat.st_mtime_ns]
        for system in selection.systems
        for folder in [system_dir(system, raw_dir)]
        for path in _files(folder)
        for stat in [path.stat()]
    }
    project = {
        str(path.relative_to(REPO_ROOT)): hashlib.sha256(path.read_bytes()).hexdigest()
        for entry in PROJECT_FILES
        for path in _files(REPO_ROOT / entry)
    }
    # Unset, as_of is yesterday in UTC (macro as_of_date): tomorrow the same files are another night.
    try:
        day = as_of or (date.fromisoformat(os.environ["KPI_AS_OF"]) if os.environ.get("KPI_AS_OF") else datetime.now(UTC).date() - timedelta(days=1))
    except ValueError:
        raise KpiwhError(f"KPI_AS_OF={os.environ['KPI_AS_OF']!r} is not a date (YYYY-MM-DD)", BAD_ENVIRONMENT) from None
    inputs = {
        "as_of": day.isoformat(),
        "dbt_args": dbt_args,
        "settings": {name: value for name, value in sorted(os.environ.items()) if name.startswith("KPI_")},
        "packages": {package: _version(package) for package in PACKAGES},
        "raw": raw,
        "project": project,
    }
    return hashlib.sha256(json.dumps(inputs, sort_keys=True).encode()).hexdigest()
