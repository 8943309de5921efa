"""Print the KPI dashboard (the kpi_dashboard mart) as a readable table, one block per entity."""
from __future__ import annotations

from pathlib import Path

import duckdb

STATUS_ORDER = {"RED": 0, "YELLOW": 1, "NO_DATA": 2, "GREEN": 3, "INFO": 4}
UNIT_FORMATS = {
    "usd": "${:,.2f}", "pct": "{:.1f}%", "pct_ratio": "{:.1f}%", "pct_change": "{:+.1f}%", "pp": "{:+.1f} pp",
    "signed_count": "{:+,.0f}", "count": "{:,.0f}", "hours": "{:,.1f} h", "days": "{:,.1f} d", "minutes": "{:,.1f} min",
}


def format_value(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    return UNIT_FORMATS.get(unit, "{:,.2f}").format(value)


def format_target(row: dict) -> str:
    if row["target_min"] is not None and row["target_max"] is not None:
        return f"{format_value(row['target_min'], row['unit'])}–{format_value(row['target_max'], row['unit'])}"
    return format_value(row["target_value"], row["unit"]) if row["target_value"] is not None else ""


def load(db_path: Path, entity: str | None = None) -> list[dict]:
    with duckdb.connect(str(db_path), read_only=True) as con:
        query = "select * from kpi_dashboard" + (" where entity_id = ?" if entity else "") + " order by entity_type, entity_id, spec_ref, kpi_id"
        cursor = con.execute(query, [entity] if entity else [])
        names = [d[0] for d in cursor.description]
        return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def render(rows: list[dict]) -> str:
    header = ("KPI", "Spec", "Period", "Value", "Target", "Status", "Trust")
    lines: list[str] = []
    entities = sorted({(r["entity_type"], r["entity_id"]) for r in rows})
    for entity_type, entity_id in entities:
        block = [r for r in rows if (r["entity_type"], r["entity_id"]) == (entity_type, entity_id)]
        table = [
            (
                r["kpi_name"],
                r["spec_ref"],
                f"{r['grain']} {r['period_start']}" + ("" if r["period_end"] == r["period_start"] else f"..{r['period_end']}"),
                format_value(r["value"], r["unit"]),
                format_target(r),
                r["status"] + ("" if r["is_target_met"] is None else (" ✓" if r["is_target_met"] else " ✗")),
                "" if r["is_trusted"] else f"⚠ {r['trust_note']}",
            )
            for r in block
        ]
        widths = [max(len(str(c)) for c in col) for col in zip(header, *table, strict=True)]
        counts = {s: sum(1 for r in block if r["status"] == s) for s in STATUS_ORDER}
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        lines.append(f"\n{entity_type} {entity_id}  (as of {block[0]['as_of_date']}: {summary})")
        for row in (header, tuple("-" * w for w in widths), *table):
            lines.append("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())
    lines.append("\nStatus ✓/✗: target met or not (reported apart from the RED/YELLOW/GREEN bands).")
    lines.append("Trust ⚠: an input table is stale or has a CRITICAL data-quality issue; do not act on the number.")
    return "\n".join(lines)
