"""Building blocks shared by the per-system generators: seeded randomness, calendars, writing files."""
from __future__ import annotations

import io
import zlib
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class GenContext:
    """Everything a system generator needs: where to write, which days, how big, which seed."""

    out_dir: Path
    start_date: date
    end_date: date
    scale: float
    seed: int
    fmt: str = "csv"

    def rng(self, system: str) -> np.random.Generator:
        # One stream per system: adding or changing a system never changes another's files.
        return np.random.default_rng([self.seed, zlib.crc32(system.encode())])

    def day_rng(self, system: str) -> np.random.Generator:
        # A next day's stream: of its system and its day (the end date), so that a week of nights
        # is the same on every machine whatever was generated before.
        return np.random.default_rng([self.seed, zlib.crc32(system.encode()), self.end_date.toordinal()])

    def days(self) -> np.ndarray:
        return np.arange(np.datetime64(self.start_date), np.datetime64(self.end_date) + 1, dtype="datetime64[D]")


def seasonal_factor(days: np.ndarray, weekday_weights: list[float], month_weights: list[float]) -> np.ndarray:
    """Multiplicative demand factor per day: weekday (Mon=0) times month (Jan=0) weights."""
    weekday = (days.astype("int64") + 3) % 7  # 1970-01-01 was a Thursday
    month = days.astype("datetime64[M]").astype("int64") % 12
    return np.asarray(weekday_weights)[weekday] * np.asarray(month_weights)[month]


def iso(ts: np.ndarray) -> pd.Series:
    """UTC timestamps in the contract's text form `YYYY-MM-DD HH:MM:SS`; NaT becomes NULL."""
    text = pd.Series(np.datetime_as_string(ts.astype("datetime64[s]"), unit="s"), dtype="string")
    return text.str.replace("T", " ", regex=False).mask(np.isnat(ts))


def ids(prefix: str, numbers: np.ndarray, width: int) -> np.ndarray:
    """Zero-padded text keys such as `M01-00000042`, built without a Python loop."""
    return (prefix + pd.Series(numbers).astype(str).str.zfill(width)).to_numpy(dtype=object)


def loaded_at(ts: np.ndarray, hour: int = 2) -> np.ndarray:
    """When the nightly extract picked a record up: the next day at `hour`:00 UTC."""
    return ts.astype("datetime64[D]") + np.timedelta64(1, "D") + np.timedelta64(hour, "h")


def write_table(ctx: GenContext, system: str, table: str, frame: pd.DataFrame) -> Path:
    """Write one contract table as `<out>/<system>/<table>.<fmt>`; missing values become NULLs."""
    folder = ctx.out_dir / system
    folder.mkdir(parents=True, exist_ok=True)
    arrow = pa.Table.from_pandas(frame, preserve_index=False)
    path = folder / f"{table}.{ctx.fmt}"
    if ctx.fmt == "parquet":
        pq.write_table(arrow, path)
    else:
        pa_csv.write_csv(arrow, path, write_options=pa_csv.WriteOptions(quoting_style="needed"))
    return path


def read_table(ctx: GenContext, system: str, table: str) -> pd.DataFrame:
    """A CSV contract table written by write_table, as text (NULLs as missing), to build on."""
    return pd.read_csv(ctx.out_dir / system / f"{table}.csv", dtype="string", keep_default_na=False, na_values=[""])


def as_text(frame: pd.DataFrame) -> pd.DataFrame:
    """A frame as the text write_table would give its CSV (so appended rows read like the rest)."""
    buffer = io.BytesIO()
    pa_csv.write_csv(pa.Table.from_pandas(frame, preserve_index=False), buffer, write_options=pa_csv.WriteOptions(quoting_style="needed"))
    buffer.seek(0)
    return pd.read_csv(buffer, dtype="string", keep_default_na=False, na_values=[""])


def next_number(keys: pd.Series, prefix: str) -> int:
    """One past the largest numbered key `<prefix><digits>` (defective keys are ignored)."""
    numbers = keys.dropna().astype(str).str.extract(f"^{prefix}(\\d+)$", expand=False).dropna().astype(int)
    return int(numbers.max()) + 1 if len(numbers) else 0


def with_changes(existing: pd.DataFrame, key: str, changed: pd.DataFrame) -> pd.DataFrame:
    """The text rows of a table with the changed records (indexed by key) set on every row of their key.

    Every row: an exact duplicate (a deliberate defect) changes with its original.
    """
    rows = existing[key].isin(changed.index)
    updated = existing.copy()
    for column in changed.columns:
        updated.loc[rows, column] = existing.loc[rows, key].map(changed[column])
    return updated
