"""Paths and defaults shared by every command; each can be overridden by an environment variable."""
from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]

# The generated default data ends here, and `kpiwh run` pins as_of to it, so that the
# default warehouse is the same on every machine and every day.
DEFAULT_END_DATE = date(2026, 11, 20)
DEFAULT_SEED = 20261120

# Systems whose files are real data the user points to, not generated under the raw directory:
# system -> (environment variable, default directory). dbt reads the same variable.
EXTERNAL_SYSTEM_DIRS: dict[str, tuple[str, Path]] = {
    "classicmodels": ("KPI_CLASSICMODELS_DIR", REPO_ROOT.parent / "shared" / "data" / "classicmodels"),
}


def system_dir(system: str, raw_dir: Path) -> Path:
    """The directory holding one source system's files: `<raw_dir>/<system>`, or its own directory."""
    if system in EXTERNAL_SYSTEM_DIRS:
        env_var, default = EXTERNAL_SYSTEM_DIRS[system]
        return Path(os.environ.get(env_var) or default).resolve()
    return raw_dir / system


def external_dir_env() -> dict[str, str]:
    """The resolved directory of every external system, as the environment variables dbt reads."""
    return {env_var: str(system_dir(system, Path())) for system, (env_var, _) in EXTERNAL_SYSTEM_DIRS.items()}


@dataclass(frozen=True)
class Paths:
    """Where raw files are read from, where the working warehouse and its published copy live."""

    raw_dir: Path
    duckdb_path: Path
    published_path: Path

    @classmethod
    def from_env(cls) -> Paths:
        duckdb_path = Path(os.environ.get("KPI_DUCKDB_PATH", REPO_ROOT / "warehouse" / "kpi.duckdb"))
        published = os.environ.get("KPI_PUBLISHED_PATH")
        return cls(
            raw_dir=Path(os.environ.get("KPI_RAW_DIR", REPO_ROOT / "data" / "raw")),
            duckdb_path=duckdb_path,
            published_path=Path(published) if published else duckdb_path.parent / "published" / duckdb_path.name,
        )
