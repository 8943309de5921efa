"""The exit codes `kpiwh build | publish | nightly` document, and the error that carries one.

A scheduler acts on the code alone: 1 is worth a look at the logs, 2 means the data (not the
code) is wrong, 3 that the run overlapped another one, 4 that the machine or a process is in the way.
"""
from __future__ import annotations

SUCCESS = 0
FAILED = 1  # dbt build, validation or publish failed
DQ_GATE = 2  # the data-quality gate failed: open CRITICAL issues touching the published periods (kpi_dq_gate), in prod
ALREADY_RUNNING = 3  # another kpiwh build, publish or nightly holds the working warehouse's lock
BAD_ENVIRONMENT = 4  # a missing raw folder, the working file held by another process, a folder that cannot be written


class KpiwhError(Exception):
    """A failure with a one-line explanation for the user and the exit code it maps to."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code
