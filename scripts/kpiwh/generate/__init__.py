"""Deterministic generator of the default raw data, one module per source system."""
from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

from kpiwh.generate import fulfillment, helpdesk, hotel, inventory, ops, retail, storefront
from kpiwh.generate.common import FORMATS, GenContext

__all__ = ["FORMATS", "NEXT_DAY_SYSTEMS", "SYSTEMS", "generate", "generate_next_day", "history_start"]

# Each system writes its own folder under the output directory (see docs/raw_data_contract.md).
# Order matters: inventory, fulfillment and helpdesk read the storefront's files.
SYSTEMS: dict[str, Callable[[GenContext], dict[str, int]]] = {
    storefront.SYSTEM: storefront.generate,
    inventory.SYSTEM: inventory.generate,
    fulfillment.SYSTEM: fulfillment.generate,
    helpdesk.SYSTEM: helpdesk.generate,
    ops.SYSTEM: ops.generate,
    retail.SYSTEM: retail.generate,
    hotel.SYSTEM: hotel.generate,
}


def history_start(end_date: date) -> date:
    """January 1st two years before the end year: two full prior years for YoY and YTD comparisons."""
    return date(end_date.year - 2, 1, 1)


def generate(out_dir: Path, end_date: date, scale: float, seed: int, fmt: str, systems: list[str] | None = None) -> dict[str, dict[str, int]]:
    ctx = GenContext(out_dir=out_dir, start_date=history_start(end_date), end_date=end_date, scale=scale, seed=seed, fmt=fmt)
    return {name: SYSTEMS[name](ctx) for name in (systems or SYSTEMS)}


# Systems that can append "the next day" to an existing data set (`kpiwh generate --next-day`): the
# storefront, whose orders make the day, then those that follow its orders.
FOLLOWERS_NEXT_DAY: dict[str, Callable[[GenContext], dict[str, int]]] = {
    fulfillment.SYSTEM: fulfillment.next_day,
    helpdesk.SYSTEM: helpdesk.next_day,
}
NEXT_DAY_SYSTEMS = (storefront.SYSTEM, *FOLLOWERS_NEXT_DAY)


def generate_next_day(out_dir: Path, scale: float, seed: int, systems: list[str] | None = None) -> tuple[date, dict[str, dict[str, int]]]:
    """Append the day after the existing CSV data set's last day; returns that day and the rows added per table.

    By default to the storefront and those of the other next-day systems the data set has.
    """
    chosen = systems or [s for s in NEXT_DAY_SYSTEMS if (out_dir / s).is_dir()]
    unsupported = sorted(set(chosen) - set(NEXT_DAY_SYSTEMS))
    if unsupported:
        raise ValueError(f"the next day can be generated for {', '.join(NEXT_DAY_SYSTEMS)} only, not {', '.join(unsupported)}")
    if storefront.SYSTEM not in chosen:
        raise ValueError(f"the next day starts from the storefront's orders: {', '.join(chosen)} cannot go on without {storefront.SYSTEM}")
    missing = [s for s in chosen if not (out_dir / s).is_dir()]
    if missing:
        raise ValueError(f"no {', '.join(missing)} data set in {out_dir} to build on")
    probe = GenContext(out_dir=out_dir, start_date=date.min, end_date=date.min, scale=scale, seed=seed)
    # The demand trend keeps counting from the data set's first day.
    first, last = storefront.order_days(probe)
    day = last + timedelta(days=1)
    ctx = GenContext(out_dir=out_dir, start_date=day, end_date=day, scale=scale, seed=seed)
    added = {storefront.SYSTEM: storefront.next_day(ctx, first)}
    return day, added | {name: next_day(ctx) for name, next_day in FOLLOWERS_NEXT_DAY.items() if name in chosen}
