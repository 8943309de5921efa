"""One command line for the warehouse: `kpiwh generate | build | publish | dashboard | run | export-classicmodels`."""
from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from kpiwh import classicmodels, dashboard, generate, warehouse
from kpiwh.config import DEFAULT_END_DATE, DEFAULT_SEED, Paths, system_dir


def _date(text: str) -> date:
    return date.fromisoformat(text)


def cmd_generate(args: argparse.Namespace, paths: Paths) -> int:
    out = args.out or paths.raw_dir
    counts = generate.generate(out, args.end_date, args.scale, args.seed, args.format, args.systems)
    for system, tables in counts.items():
        print(f"{system}: " + ", ".join(f"{t} {n:,}" for t, n in tables.items()) + f"  -> {out / system}")
    return 0


def cmd_build(args: argparse.Namespace, paths: Paths) -> int:
    code = warehouse.run_dbt(["build", *args.dbt_args], paths, args.as_of)
    if code == 0 and not args.no_publish:
        print(f"published: {warehouse.publish(paths)}")
    elif code != 0:
        print("dbt build failed: the published warehouse was left as it was.", file=sys.stderr)
    return code


def cmd_publish(args: argparse.Namespace, paths: Paths) -> int:
    print(f"published: {warehouse.publish(paths)}")
    return 0


def cmd_dashboard(args: argparse.Namespace, paths: Paths) -> int:
    print(dashboard.render(dashboard.load(args.db or paths.published_path, args.entity)))
    return 0


def cmd_run(args: argparse.Namespace, paths: Paths) -> int:
    """Everything `make run` promises: default data, a full build, the dashboard."""
    generate.generate(paths.raw_dir, DEFAULT_END_DATE, args.scale, DEFAULT_SEED, "csv")
    print(f"generated default data ending {DEFAULT_END_DATE} (scale {args.scale}) in {paths.raw_dir}")
    code = warehouse.run_dbt(["build"], paths, DEFAULT_END_DATE)
    if code != 0:
        return code
    warehouse.publish(paths)
    print(dashboard.render(dashboard.load(paths.published_path)))
    return 0


def cmd_export_classicmodels(args: argparse.Namespace, paths: Paths) -> int:
    out = args.out or system_dir("classicmodels", paths.raw_dir)
    counts = classicmodels.export_sqlite(args.sqlite, out)
    print(", ".join(f"{t} {n:,}" for t, n in counts.items()) + f"  -> {out}")
    if args.out:
        print(f"build with: KPI_CLASSICMODELS_DIR={out} kpiwh build")
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kpiwh", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write the deterministic default raw data (the raw-data contract layout)")
    g.add_argument("--out", type=Path, help="output directory (default: env KPI_RAW_DIR or data/raw)")
    g.add_argument("--end-date", type=_date, default=DEFAULT_END_DATE, help=f"last day of history (default {DEFAULT_END_DATE})")
    g.add_argument("--scale", type=float, default=1.0, help="volume multiplier: 1 is ~115K order lines, 90 is ~10M")
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    g.add_argument("--format", choices=generate.FORMATS, default="csv")
    g.add_argument("--systems", nargs="*", choices=sorted(generate.SYSTEMS), help="only these source systems")
    g.set_defaults(func=cmd_generate)

    b = sub.add_parser("build", help="dbt build, then publish the warehouse for readers if it succeeded")
    b.add_argument("--as-of", type=_date, help="as_of date (default: env KPI_AS_OF, else yesterday)")
    b.add_argument("--no-publish", action="store_true")
    b.add_argument("dbt_args", nargs=argparse.REMAINDER, help="extra dbt arguments, e.g. -s marts.sales")
    b.set_defaults(func=cmd_build)

    sub.add_parser("publish", help="publish the working warehouse for readers").set_defaults(func=cmd_publish)

    d = sub.add_parser("dashboard", help="print the KPI dashboard from the published warehouse")
    d.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    d.add_argument("--entity", help="only this entity id, e.g. M01")
    d.set_defaults(func=cmd_dashboard)

    r = sub.add_parser("run", help="generate the default data, build, publish and print the dashboard")
    r.add_argument("--scale", type=float, default=1.0)
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("export-classicmodels", help="write a Classic Models SQLite file as the CSV files dbt reads")
    e.add_argument("sqlite", type=Path, help="the classicmodels .sqlite/.db file")
    e.add_argument("--out", type=Path, help="output directory (default: env KPI_CLASSICMODELS_DIR or ../shared/data/classicmodels)")
    e.set_defaults(func=cmd_export_classicmodels)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.func(args, Paths.from_env())


if __name__ == "__main__":
    sys.exit(main())
