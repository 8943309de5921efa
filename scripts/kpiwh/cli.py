"""One command line for the warehouse: `kpiwh generate | build | nightly | publish | validate | dashboard | run | benchmark | contract-docs | export-classicmodels
| mcp | export | api-benchmark`.

Exit codes of build, publish and nightly: 0 success, 1 build, validation or publish failed,
2 data-quality gate, 3 already running, 4 bad environment (kpiwh.exit_codes)."""
from __future__ import annotations

import argparse
import sys
import time
from datetime import date
from pathlib import Path

from kpiwh import api_benchmark, benchmark, build_inputs, classicmodels, contract_docs, dashboard, engines, export, generate, mcp_server, nightly, story, validate, warehouse
from kpiwh.api import GRAINS
from kpiwh.config import DEFAULT_END_DATE, DEFAULT_SEED, Paths, system_dir
from kpiwh.exit_codes import BAD_ENVIRONMENT, FAILED, SUCCESS, KpiwhError

# Commands whose unknown arguments are dbt's (-s, --exclude, --full-refresh, --vars ...), handed to `dbt build`.
DBT_PASSTHROUGH = ("build", "nightly")


def _date(text: str) -> date:
    return date.fromisoformat(text)


def cmd_generate(args: argparse.Namespace, paths: Paths) -> int:
    out = args.out or paths.raw_dir
    if args.next_day:
        if args.format != "csv" or not (out / "storefront" / "orders.csv").exists():
            raise KpiwhError(f"kpiwh generate --next-day: no CSV storefront data set in {out} to build on", BAD_ENVIRONMENT)
        try:
            day, counts = generate.generate_next_day(out, args.scale, args.seed, args.systems)
        except ValueError as error:
            raise KpiwhError(f"kpiwh generate --next-day: {error}", BAD_ENVIRONMENT) from error
        print(f"next day: {day} (build it with --as-of {day})")
    else:
        counts = generate.generate(out, args.end_date, args.scale, args.seed, args.format, args.systems)
    for system, tables in counts.items():
        print(f"{system}: " + ", ".join(f"{t} {n:,}" for t, n in tables.items()) + f"  -> {out / system}")
    return 0


def build_validate_publish(paths: Paths, as_of: date | None, dbt_args: list[str], publish: bool = True) -> int:
    """dbt build, then the Great Expectations checkpoint; record the pass and publish only when both passed."""
    with warehouse.working_lock(paths):
        warehouse.check_environment(paths)
        warehouse.forget_pass(paths)
        inputs = build_inputs.digest(paths.raw_dir, as_of, dbt_args)  # before the build: files may land during it
        if warehouse.run_dbt(["build", *dbt_args], paths, as_of) != 0 or not validate.run(paths.duckdb_path, paths.duckdb_path.parent):
            print("build or validation failed: the published warehouse was left as it was.", file=sys.stderr)
            return FAILED
        warehouse.record_pass(paths, as_of, inputs)
        if publish:
            print(f"published: {warehouse.publish(paths)}")
    return SUCCESS


def build_on_engine(target: str, paths: Paths, as_of: date | None, dbt_args: list[str]) -> int:
    """kpiwh build --target postgres|spark: load the raw files where the engine reads them, then dbt build.

    The GX checkpoint and publishing work on the DuckDB file, so they do not apply: readers
    query the engine's marts and KPI schemas directly (docs/engines.md).
    """
    with warehouse.working_lock(paths):
        started = time.monotonic()
        loaded = engines.load(target, paths, as_of)
        print(f"{target}: loaded {len(loaded)} raw tables, {sum(loaded.values()):,} rows in {time.monotonic() - started:.1f} s")
        code = warehouse.run_dbt(["build", *dbt_args], paths, as_of, {"KPI_TARGET": target})
    print(f"{target}: dbt build exit {code} after {time.monotonic() - started:.1f} s; "
          "GX checkpoint and publish skipped (they read the DuckDB warehouse).", file=sys.stderr)
    return SUCCESS if code == 0 else FAILED


def cmd_build(args: argparse.Namespace, paths: Paths) -> int:
    if args.target in engines.ENGINE_TARGETS:
        return build_on_engine(args.target, paths, args.as_of, args.dbt_args)
    if args.target:
        args.dbt_args = ["--target", args.target, *args.dbt_args]
    return build_validate_publish(paths, args.as_of, args.dbt_args, publish=not args.no_publish)


def cmd_validate(args: argparse.Namespace, paths: Paths) -> int:
    return 0 if validate.run(args.db or paths.duckdb_path) else 1


def cmd_nightly(args: argparse.Namespace, paths: Paths) -> int:
    return nightly.run(paths, args.as_of, args.dbt_args, rebuild=args.rebuild)


def cmd_publish(args: argparse.Namespace, paths: Paths) -> int:
    with warehouse.working_lock(paths):
        print(f"published: {warehouse.publish(paths)}")
    return 0


def cmd_dashboard(args: argparse.Namespace, paths: Paths) -> int:
    print(dashboard.render(dashboard.load(args.db or paths.published_path, args.entity)))
    return 0


def cmd_story(args: argparse.Namespace, paths: Paths) -> int:
    """The three figures of issue 11 item 5 (chronic alarms, constant series, current mix); exit 1 when a bound fails."""
    measured = story.measure(args.db or paths.published_path, args.as_of)
    print(story.render(measured, show_lists=not args.quiet))
    return SUCCESS if measured.passed else FAILED


def cmd_run(args: argparse.Namespace, paths: Paths) -> int:
    """Everything `make run` promises: default data, a full build, the dashboard."""
    generate.generate(paths.raw_dir, DEFAULT_END_DATE, args.scale, DEFAULT_SEED, "csv")
    print(f"generated default data ending {DEFAULT_END_DATE} (scale {args.scale}) in {paths.raw_dir}")
    code = build_validate_publish(paths, DEFAULT_END_DATE, [])
    if code == 0:
        print(dashboard.render(dashboard.load(paths.published_path)))
    return code


def cmd_benchmark(args: argparse.Namespace, paths: Paths) -> int:
    results = benchmark.run(args.scale, args.systems, args.hotel_scale, args.keep)
    return max(r.exit_code for r in results)


def cmd_contract_docs(args: argparse.Namespace, paths: Paths) -> int:
    changed = contract_docs.write()
    print(f"{contract_docs.DOC}: {'rewritten' if changed else 'already up to date'}")
    return 0


def cmd_export_classicmodels(args: argparse.Namespace, paths: Paths) -> int:
    out = args.out or system_dir("classicmodels", paths.raw_dir)
    counts = classicmodels.export_sqlite(args.sqlite, out)
    print(", ".join(f"{t} {n:,}" for t, n in counts.items()) + f"  -> {out}")
    if args.out:
        print(f"build with: KPI_CLASSICMODELS_DIR={out} kpiwh build")
    return 0


def cmd_mcp(args: argparse.Namespace, paths: Paths) -> int:
    mcp_server.serve(args.db or paths.published_path, args.port if args.http else None)
    return SUCCESS


def cmd_serve(args: argparse.Namespace, paths: Paths) -> int:
    # Imported here: Vizro and Dash take a second to import, which no other command should pay.
    from kpiwh.web import app

    app.serve(args.db or paths.published_path, args.host, args.port)
    return SUCCESS


def cmd_export(args: argparse.Namespace, paths: Paths) -> int:
    file_format = args.format or ("parquet" if args.out.suffix == ".parquet" else "csv")
    start, end = args.start and args.start.isoformat(), args.end and args.end.isoformat()
    count = export.export(args.db or paths.published_path, args.out, file_format, args.kpi, args.entity, start, end, args.grain)
    print(f"{count:,} rows -> {args.out} ({file_format})")
    return SUCCESS


def cmd_api_benchmark(args: argparse.Namespace, paths: Paths) -> int:
    api_benchmark.run(args.db or paths.published_path, args.clients, args.rounds, args.while_publishing)
    return SUCCESS


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="kpiwh", description=__doc__)
    sub = p.add_subparsers(dest="command", required=True)

    g = sub.add_parser("generate", help="write the deterministic default raw data (the raw-data contract layout)")
    g.add_argument("--out", type=Path, help="output directory (default: env KPI_RAW_DIR or data/raw)")
    g.add_argument("--end-date", type=_date, default=DEFAULT_END_DATE, help=f"last day of history (default {DEFAULT_END_DATE})")
    g.add_argument("--scale", type=float, default=1.0, help="volume multiplier: 1 is ~105K order lines, 100 is ~10M")
    g.add_argument("--seed", type=int, default=DEFAULT_SEED)
    g.add_argument("--format", choices=generate.FORMATS, default="csv")
    g.add_argument("--systems", nargs="*", choices=sorted(generate.SYSTEMS), help="only these source systems")
    g.add_argument("--next-day", action="store_true",
                   help="append the day after the existing data set's last day to the storefront and, where present (or as --systems says), "
                        "fulfillment and helpdesk (same --scale and --seed as it was made with)")
    g.set_defaults(func=cmd_generate)

    # No abbreviations: a dbt option must never be taken for a prefix of ours (--no-p... for --no-publish).
    b = sub.add_parser("build", allow_abbrev=False, usage="kpiwh build [--as-of DATE] [--no-publish] [--target TARGET] [dbt build options, e.g. -s marts.sales]",
                       help="dbt build and the GX checkpoint, then publish the warehouse for readers if both passed")
    b.add_argument("--as-of", type=_date, help="as_of date (default: env KPI_AS_OF, else yesterday)")
    b.add_argument("--no-publish", action="store_true", help="record the pass, publish later with `kpiwh publish`")
    b.add_argument("--target", help="a profiles.yml target: dev, prod (DuckDB) or postgres, spark (raw files loaded first; no GX, no publish)")
    b.set_defaults(func=cmd_build)

    n = sub.add_parser("nightly", allow_abbrev=False, usage="kpiwh nightly [--as-of DATE] [--rebuild] [dbt build options]",
                       help="the scheduled run: lock, source freshness, build, GX checkpoint, publish, run record (docs/architecture.md)")
    n.add_argument("--as-of", type=_date, help="as_of date (default: env KPI_AS_OF, else yesterday)")
    n.add_argument("--rebuild", action="store_true", help="build even when the published warehouse was built from the same inputs")
    n.set_defaults(func=cmd_nightly)

    sub.add_parser("publish", help="publish the working warehouse for readers, if its last build and validation passed").set_defaults(func=cmd_publish)

    v = sub.add_parser("validate", help="run the Great Expectations checkpoint; exit 1 on failure")
    v.add_argument("--db", type=Path, help="a DuckDB file (default: the working warehouse)")
    v.set_defaults(func=cmd_validate)

    d = sub.add_parser("dashboard", help="print the KPI dashboard from the published warehouse")
    d.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    d.add_argument("--entity", help="only this entity id, e.g. M01")
    d.set_defaults(func=cmd_dashboard)

    s = sub.add_parser("story", help="print the default data's chronic-alarm, constant-series and current-mix figures; exit 1 if a bound fails")
    s.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    s.add_argument("--as-of", type=_date, help="end of the 90-day window (default: the warehouse's as_of_date)")
    s.add_argument("--quiet", action="store_true", help="the figures only, not the lists of chronic and constant series")
    s.set_defaults(func=cmd_story)

    m = sub.add_parser("benchmark", help="print build speed by phase and memory against the raw-parse floor (docs/benchmarks.md)")
    m.add_argument("--scale", type=float, nargs="+", default=[10.0, 100.0], help="volume multipliers (100 is about 10M order lines)")
    m.add_argument("--systems", nargs="*", choices=sorted(generate.SYSTEMS), help="only these systems (default: all)")
    m.add_argument("--hotel-scale", type=float, default=48.0, help="also the hotel alone at this scale (48: ~1M reservations; 0: skip)")
    m.add_argument("--keep", type=Path, help="work in this folder and keep it; data generated there before with the same settings is reused (default: a temp folder)")
    m.set_defaults(func=cmd_benchmark)

    sub.add_parser("contract-docs", help="rewrite docs/raw_data_contract.md's tables from the sources' contracts").set_defaults(
        func=cmd_contract_docs)

    r = sub.add_parser("run", help="generate the default data, build, publish and print the dashboard")
    r.add_argument("--scale", type=float, default=1.0)
    r.set_defaults(func=cmd_run)

    e = sub.add_parser("export-classicmodels", help="write a Classic Models SQLite file as the CSV files dbt reads")
    e.add_argument("sqlite", type=Path, help="the classicmodels .sqlite/.db file")
    e.add_argument("--out", type=Path, help="output directory (default: env KPI_CLASSICMODELS_DIR or ../shared/data/classicmodels)")
    e.set_defaults(func=cmd_export_classicmodels)

    s = sub.add_parser("mcp", help="serve the read API as MCP tools (docs/api.md): stdio, or streamable HTTP with --http")
    s.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    s.add_argument("--http", action="store_true", help="streamable HTTP on 127.0.0.1 (path /mcp) instead of stdio")
    s.add_argument("--port", type=int, default=8000, help="HTTP port (default 8000)")
    s.set_defaults(func=cmd_mcp)

    w = sub.add_parser("serve", help="serve the web dashboard (Vizro) over the published warehouse, read-only")
    w.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    w.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    w.add_argument("--port", type=int, default=8050, help="port (default 8050)")
    w.set_defaults(func=cmd_serve)

    x = sub.add_parser("export", help="write KPI history (values and statuses, from kpi_values) as CSV or Parquet")
    x.add_argument("out", type=Path, help="the file to write (.parquet is written as Parquet unless --format says otherwise)")
    x.add_argument("--format", choices=export.FORMATS, help="csv or parquet (default: from the file's suffix, else csv)")
    x.add_argument("--entity", nargs="+", help="only these entity ids (default: all)")
    x.add_argument("--kpi", help="only this kpi_id")
    x.add_argument("--grain", choices=GRAINS, help="only this grain")
    x.add_argument("--start", type=_date, help="periods starting on or after this date")
    x.add_argument("--end", type=_date, help="periods ending on or before this date")
    x.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    x.set_defaults(func=cmd_export)

    a = sub.add_parser("api-benchmark", help="print p50/p95 latency of the read API in-process and over MCP, with concurrent clients")
    a.add_argument("--db", type=Path, help="a DuckDB file (default: the published warehouse)")
    a.add_argument("--clients", type=int, nargs="+", default=[1, 20], help="concurrent clients, one run each (default: 1 and 20)")
    a.add_argument("--rounds", type=int, default=20, help="calls of each kind per client")
    a.add_argument("--while-publishing", action="store_true", help="on a copy of the file that is republished in a loop meanwhile")
    a.set_defaults(func=cmd_api_benchmark)
    return p


def main(argv: list[str] | None = None) -> int:
    p = parser()
    args, unknown = p.parse_known_args(argv)
    if unknown and args.command not in DBT_PASSTHROUGH:
        p.error(f"unrecognized arguments: {' '.join(unknown)}")
    # argparse keeps a `--` among the unknown arguments; dbt would take what follows it as stray words.
    if "--" in unknown:
        unknown.remove("--")
    args.dbt_args = unknown
    try:
        code: int = args.func(args, Paths.from_env())
    except KpiwhError as error:
        print(f"kpiwh: {error}", file=sys.stderr)
        return error.code
    return code


if __name__ == "__main__":
    sys.exit(main())
