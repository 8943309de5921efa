"""The code location Dagster loads: `dagster dev -m kpiwh.orchestration.definitions` (env as for `kpiwh nightly`)."""
from __future__ import annotations

from kpiwh.config import Paths
from kpiwh.orchestration.assets import build_definitions, prepare_manifest

defs = build_definitions(prepare_manifest(Paths.from_env()))
