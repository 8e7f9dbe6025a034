"""`akhbar`: run the pipeline, see what it did, query the warehouse.

    akhbar run [-v] [--force]          materialize every asset through Dagster (skipped when nothing changed)
    akhbar status                      the published warehouse and the last run's delta
    akhbar query "SQL" [--csv]         read-only SQL against the published warehouse
    akhbar analyses [NAME] [--var k=v] a dbt analysis against the published warehouse (no NAME: list them)

Paths come from AKHBAR_INBOX / AKHBAR_WAREHOUSE (see the README); Dagster's instance is DAGSTER_HOME,
by default the repository's `.dagster_home`, so runs show in `make dev`.
"""

from __future__ import annotations

import argparse
import csv
import os
import sys
from collections.abc import Sequence

from orchestration.settings import REPO_ROOT

# Offline and quiet whoever calls us (a shell without the Makefile's exports, a service unit).
_ENVIRONMENT = {
    "DAGSTER_HOME": str(REPO_ROOT / ".dagster_home"),
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "DBT_VERSION_CHECK": "false",
    "DO_NOT_TRACK": "1",
    "GX_ANALYTICS_ENABLED": "False",
    "TQDM_DISABLE": "1",
}
MAX_ROWS = 40


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="akhbar", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    run = commands.add_parser("run", help="materialize the whole pipeline through Dagster")
    run.add_argument("-v", "--verbose", action="store_true", help="every Dagster event and dbt line")
    run.add_argument("--force", action="store_true", help="run even when the inbox and code are unchanged")
    commands.add_parser("status", help="the published warehouse and the last run's delta")
    query = commands.add_parser("query", help="read-only SQL against the published warehouse")
    query.add_argument("sql", help="one SQL statement")
    query.add_argument("--csv", action="store_true", help="CSV on stdout instead of a table")
    analyses = commands.add_parser("analyses", help="run a dbt analysis against the published warehouse")
    analyses.add_argument("name", nargs="?", help="analysis name (dbt_project/analyses/NAME.sql)")
    analyses.add_argument(
        "--var",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a value the analysis reads with getvariable('NAME'); repeatable",
    )
    analyses.add_argument("--csv", action="store_true", help="CSV on stdout instead of a table")
    analyses.add_argument("--sql", action="store_true", help="print the compiled SQL instead of running it")
    return parser


def _cell(value: object, width: int = 40) -> str:
    text = "NULL" if value is None else str(value).replace("\n", " ")
    return text if len(text) <= width else text[: width - 1] + "…"


def format_table(columns: Sequence[str], rows: Sequence[tuple], max_rows: int = MAX_ROWS) -> str:
    """A plain aligned table (no box drawing: Arabic text in a terminal keeps its direction)."""
    shown = [tuple(_cell(v) for v in row) for row in rows[:max_rows]]
    widths = [max([len(c), *(len(r[i]) for r in shown)]) for i, c in enumerate(columns)]
    lines = ["  ".join(c.ljust(w) for c, w in zip(columns, widths, strict=True)).rstrip()]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(v.ljust(w) for v, w in zip(r, widths, strict=True)).rstrip() for r in shown]
    more = f", {max_rows} shown (--csv for all)" if len(rows) > max_rows else ""
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''}{more})")
    return "\n".join(lines)


def _print_result(columns: Sequence[str], rows: Sequence[tuple], as_csv: bool) -> None:
    if as_csv:
        writer = csv.writer(sys.stdout)
        writer.writerow(columns)
        writer.writerows(rows)
    else:
        print(format_table(columns, rows))


def cmd_run(args: argparse.Namespace) -> int:
    from orchestration.precheck import clear_stamp, precheck, write_stamp
    from orchestration.settings import get_settings

    settings = get_settings()
    check = precheck(settings)
    if check.up_to_date and not args.force:
        print(f"akhbar run: {check.reason}; the published warehouse is current.")
        return 0
    print(f"akhbar run: {check.reason}; materializing (inbox {settings.inbox}, {check.files} files)")
    from orchestration.runner import execute

    clear_stamp(settings)
    outcome = execute(verbose=args.verbose)
    if outcome.success:
        write_stamp(settings, check)
        print(f"akhbar run: done in {outcome.seconds:.1f} s (run {outcome.run_id[:8]}; `make dev` shows it)")
        return 0
    print(
        f"akhbar run: FAILED after {outcome.seconds:.1f} s (run {outcome.run_id[:8]}); "
        f"the published warehouse is unchanged. Details: `make dev`, or rerun with -v."
    )
    return 1


def cmd_status(_args: argparse.Namespace) -> int:
    from orchestration.summary import print_summary

    return print_summary()


def cmd_query(args: argparse.Namespace) -> int:
    from orchestration.analyses import AnalysisError, run_query
    from orchestration.settings import get_settings

    try:
        result = run_query(get_settings().warehouse, args.sql)
    except AnalysisError as exc:
        print(f"akhbar query: {exc}", file=sys.stderr)
        return 1
    _print_result(result.columns, result.rows, args.csv)
    return 0


def cmd_analyses(args: argparse.Namespace) -> int:
    from orchestration.analyses import AnalysisError, compile_analysis, list_analyses, parse_vars, run_query
    from orchestration.settings import get_settings

    if not args.name:
        print("\n".join(list_analyses()))
        return 0
    try:
        variables = parse_vars(args.var)
        sql = compile_analysis(args.name)
        if args.sql:
            print(sql)
            return 0
        result = run_query(get_settings().warehouse, sql, variables)
    except AnalysisError as exc:
        print(f"akhbar analyses: {exc}", file=sys.stderr)
        return 1
    _print_result(result.columns, result.rows, args.csv)
    return 0


COMMANDS = {"run": cmd_run, "status": cmd_status, "query": cmd_query, "analyses": cmd_analyses}


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    for name, value in _ENVIRONMENT.items():
        os.environ.setdefault(name, value)
    return COMMANDS[args.command](args)


if __name__ == "__main__":
    raise SystemExit(main())
