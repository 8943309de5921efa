"""Running dbt against the repo's project and publishing the result for readers.

BI tools and the dashboard read a published copy of the warehouse, never the file dbt writes:
DuckDB lets only one process hold a file read-write and a reader blocks the writer, so a
dashboard left open must never break the nightly build. Publishing is an atomic file replace,
of a working file whose build and validation passed (recorded in a state file beside it).
"""
from __future__ import annotations

import ctypes
import fcntl
import json
import os
import re
import shutil
import signal
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb

from kpiwh import systems
from kpiwh.config import REPO_ROOT, Paths, external_dir_env
from kpiwh.exit_codes import ALREADY_RUNNING, BAD_ENVIRONMENT, FAILED, KpiwhError

_PR_SET_PDEATHSIG = 1


def dbt_env(paths: Paths, as_of: date | None) -> dict[str, str]:
    """The environment dbt reads (see profiles.yml and the sources), from our paths."""
    env = dict(os.environ)
    env.setdefault("DBT_PROFILES_DIR", str(REPO_ROOT))
    env["KPI_RAW_DIR"] = str(paths.raw_dir)
    env["KPI_DUCKDB_PATH"] = str(paths.duckdb_path)
    env.update(external_dir_env())
    if as_of is not None:
        env["KPI_AS_OF"] = as_of.isoformat()
    return env


def target_dir() -> Path:
    """Where dbt writes run_results.json and sources.json (env DBT_TARGET_PATH, relative to the project)."""
    return REPO_ROOT / os.environ.get("DBT_TARGET_PATH", "target")


def _die_with_parent() -> None:
    # Linux: dbt is killed with us. A dbt orphaned by a SIGKILL of kpiwh would hold the
    # working file until it finished, and the next nightly could not start.
    ctypes.CDLL(None, use_errno=True).prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)


def run_dbt(args: list[str], paths: Paths, as_of: date | None, extra_env: dict[str, str] | None = None) -> int:
    """Run one dbt command in the project directory on the systems present; returns dbt's exit code."""
    paths.duckdb_path.parent.mkdir(parents=True, exist_ok=True)
    selection = systems.select_from_env(paths.raw_dir)
    for message in selection.skipped:
        print(message, file=sys.stderr)
    dbt = Path(sys.executable).with_name("dbt")
    env = {**dbt_env(paths, as_of), **(extra_env or {})}
    preexec = _die_with_parent if sys.platform == "linux" else None
    return subprocess.run([str(dbt), *selection.dbt_args(args)], cwd=REPO_ROOT, env=env, preexec_fn=preexec).returncode


def _sibling(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def lock_path(paths: Paths) -> Path:
    return _sibling(paths.duckdb_path, ".lock")


def state_path(paths: Paths) -> Path:
    """The record that the working file, as it is now, passed its build and validation."""
    return _sibling(paths.duckdb_path, ".passed.json")


@contextmanager
def working_lock(paths: Paths) -> Iterator[None]:
    """Hold the working warehouse's lock (a file holding our PID) for a build, publish or nightly.

    flock is released by the kernel when its holder dies, so a lock file left by a killed run
    is simply taken over; Python's descriptors are not inherited, so an orphaned child never holds it.
    """
    path = lock_path(paths)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        holder = (os.pread(fd, 32, 0).decode(errors="replace").split() or ["unknown"])[0]
        os.close(fd)
        raise KpiwhError(f"another kpiwh build, publish or nightly (PID {holder}) is running on {paths.duckdb_path}; "
                         "this run did nothing", ALREADY_RUNNING) from None
    try:
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"{os.getpid()}\n".encode(), 0)
        yield
    finally:
        os.close(fd)


def _process_name(pid: str) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace").strip()[:120]
    except OSError:
        return ""


def check_environment(paths: Paths) -> None:
    """Fail with a clear message, before dbt starts, on what would otherwise be a traceback mid-build."""
    if not paths.raw_dir.is_dir():
        raise KpiwhError(f"raw folder {paths.raw_dir} does not exist: set KPI_RAW_DIR or run `kpiwh generate`", BAD_ENVIRONMENT)
    if not paths.duckdb_path.exists():
        return
    try:
        # Opened read-write as dbt will open it; this also replays a WAL left by a killed build.
        duckdb.connect(str(paths.duckdb_path)).close()
    except duckdb.IOException as error:
        found = re.search(r"held in (.+?) \(PID (\d+)\)", str(error))
        if found is None:
            raise KpiwhError(f"cannot open the working warehouse {paths.duckdb_path}: {str(error).splitlines()[0]}", BAD_ENVIRONMENT) from None
        exe, pid = found.groups()
        raise KpiwhError(f"the working warehouse {paths.duckdb_path} is held by another process, PID {pid} ({_process_name(pid) or exe}): "
                         "close it (readers belong on the published copy) and run again", BAD_ENVIRONMENT) from None


def _fingerprint(path: Path) -> dict[str, int]:
    stat = path.stat()
    return {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns}


def forget_pass(paths: Paths) -> None:
    """Called before a build touches the working file: until it passes again, it is not publishable."""
    state_path(paths).unlink(missing_ok=True)


def _write_state(paths: Paths, state: dict[str, Any]) -> None:
    temporary = _sibling(state_path(paths), ".tmp")
    temporary.write_text(json.dumps(state, indent=2) + "\n")
    os.replace(temporary, state_path(paths))


def record_pass(paths: Paths, as_of: date | None, inputs: str | None = None) -> None:
    """Record that the working file, as it is now, passed its build and validation (on these inputs, kpiwh.build_inputs)."""
    _write_state(paths, {**_fingerprint(paths.duckdb_path), "as_of": as_of.isoformat() if as_of else None, "inputs": inputs,
                         "passed_at": datetime.now(UTC).isoformat()})


def published_build(paths: Paths, inputs: str) -> str | None:
    """When the published file is the one built from exactly these inputs, the time that build passed; else None."""
    try:
        state = json.loads(state_path(paths).read_text())
        check_passed(paths)
        published = _fingerprint(paths.published_path)
    except (OSError, ValueError, KpiwhError):
        return None
    return str(state["passed_at"]) if state.get("inputs") == inputs and state.get("published") == published else None


def check_passed(paths: Paths) -> None:
    """Refuse a working file that has not passed since it last changed (or has unsaved changes in a WAL)."""
    try:
        recorded = json.loads(state_path(paths).read_text())
        stale = _sibling(paths.duckdb_path, ".wal").exists() or {k: recorded.get(k) for k in ("size", "mtime_ns")} != _fingerprint(paths.duckdb_path)
    except (OSError, ValueError):
        stale = True  # no record, no working file, or a record that cannot be read
    if stale:
        raise KpiwhError(f"{paths.duckdb_path} has not passed a build and validation since it last changed: "
                         "not published (run `kpiwh build`)", FAILED)


def _discard(path: Path) -> None:
    with suppress(OSError):
        path.unlink(missing_ok=True)


def publish(paths: Paths) -> Path:
    """Copy a working warehouse that passed next to the published one, then swap it in atomically.

    The copy is read-only before it is swapped in, so no reader ever sees a writable published
    file; a failure to write leaves no partial copy and the previous published file as it was.
    """
    check_passed(paths)
    staging_copy = paths.published_path.with_suffix(".publishing")
    try:
        paths.published_path.parent.mkdir(parents=True, exist_ok=True)
        # Left by a publish that was killed midway: never swapped in, so only garbage.
        staging_copy.unlink(missing_ok=True)
        shutil.copyfile(paths.duckdb_path, staging_copy)
        with staging_copy.open("rb") as copied:
            os.fsync(copied.fileno())
        os.chmod(staging_copy, 0o444)
        # A build that started during the copy (it forgets the pass first) makes the copy worthless.
        check_passed(paths)
        # The swap keeps the copy's size and time: what the next nightly compares (published_build).
        _write_state(paths, {**json.loads(state_path(paths).read_text()), "published": _fingerprint(staging_copy)})
        os.replace(staging_copy, paths.published_path)
    except OSError as error:
        _discard(staging_copy)
        raise KpiwhError(f"publish failed, {paths.published_path} left as it was: {error.strerror or error} ({error.filename or staging_copy})",
                         BAD_ENVIRONMENT) from None
    except KpiwhError:
        _discard(staging_copy)
        raise
    return paths.published_path
