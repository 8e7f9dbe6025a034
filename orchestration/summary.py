"""`akhbar status`: what the published warehouse holds and what the last run changed, for humans."""

from __future__ import annotations

import argparse
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.settings import Settings, get_settings
from orchestration.warehouse import table_counts

EXAMPLE_QUERY = (
    "select event_date, event_code, actor1_name_en, actor2_name_en, num_articles "
    "from fct_events order by num_mentions desc limit 5"
)
DELTA_COLUMNS = (
    "run_at",
    "files_new",
    "files_changed",
    "files_reprocessed",
    "files_deleted",
    "articles_added",
    "articles_changed",
    "articles_retracted",
    "duplicates",
    "rejected",
)
MAX_REJECTS_SHOWN = 20


@dataclass(frozen=True)
class Reject:
    source_file: str
    record_index: int | None
    reason: str
    message: str

    def line(self) -> str:
        where = self.source_file if self.record_index is None else f"{self.source_file} #{self.record_index}"
        return f"{where}: {self.reason} ({self.message})"


def _has_table(con: duckdb.DuckDBPyConnection, table: str) -> bool:
    # No prepared parameter: binding one makes duckdb import pandas, seconds for a status line.
    tables = con.execute("select table_name from duckdb_tables() where schema_name = 'main'").fetchall()
    return (table,) in tables


def last_run(con: duckdb.DuckDBPyConnection) -> dict[str, object] | None:
    """The latest row of `ingest_runs` (its time as UTC text), or None for a warehouse built before it."""
    if not _has_table(con, "ingest_runs"):
        return None
    # Times stay in SQL: fetching a TIMESTAMPTZ into Python imports pandas/pytz (seconds of start-up).
    columns = ["strftime(timezone('UTC', run_at), '%Y-%m-%d %H:%M:%S UTC')", *DELTA_COLUMNS[1:]]
    row = con.execute(
        f"select {', '.join(columns)} from main.ingest_runs order by run_at desc limit 1"
    ).fetchone()
    return dict(zip(DELTA_COLUMNS, row, strict=True)) if row else None


def rejects_of_last_run(con: duckdb.DuckDBPyConnection) -> list[Reject]:
    """Files and records rejected by the latest run, with their reasons."""
    rows = con.execute(
        "select source_file, record_index, reason, message from main.rejected_articles "
        "where rejected_at = (select max(run_at) from main.ingest_runs) "
        "order by source_file, record_index nulls first"
    ).fetchall()
    return [Reject(*row) for row in rows]


def delta_lines(run: dict[str, object] | None, rejects: list[Reject]) -> list[str]:
    """The 'last run' block: files by change, articles added/changed/retracted, rejects with reasons."""
    if run is None:
        return ["  last run   not recorded (warehouse built before ingest_runs; `make rebuild` adds it)"]
    lines = [
        f"  last run   {run['run_at']}",
        f"    files    {run['files_new']} new, {run['files_changed']} changed, "
        f"{run['files_reprocessed']} reprocessed, {run['files_deleted']} deleted",
        f"    articles {run['articles_added']} added, {run['articles_changed']} changed, "
        f"{run['articles_retracted']} retracted, {run['duplicates']} duplicates, {run['rejected']} rejected",
    ]
    for reject in rejects[:MAX_REJECTS_SHOWN]:
        lines.append(f"    rejected {reject.line()}")
    if len(rejects) > MAX_REJECTS_SHOWN:
        lines.append(f"    ... and {len(rejects) - MAX_REJECTS_SHOWN} more (table rejected_articles)")
    return lines


def command_prefix() -> str:
    """How to call `akhbar` from the current directory without uv or an activated venv."""
    from orchestration.settings import REPO_ROOT

    exe = REPO_ROOT / ".venv" / "bin" / "akhbar"
    try:
        return f"{exe.relative_to(Path.cwd())}"
    except ValueError:
        return str(exe)


def summary_lines(settings: Settings) -> list[str]:
    warehouse = settings.warehouse
    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles, duplicates, rejected = con.execute(
            "select (select count(*) from main.dim_articles), (select count(*) from main.duplicate_articles),"
            " (select count(*) from main.rejected_articles)"
        ).fetchone()
        run = last_run(con)
        rejects = rejects_of_last_run(con) if run else []
    lines = ["", "Akhbar warehouse", f"  inbox      {settings.inbox}", *delta_lines(run, rejects)]
    lines.append(f"  in total   {articles} articles, {duplicates} duplicates, {rejected} rejected")
    lines.append("  tables")
    lines += [
        f"    {table:<28}{rows:>10,}" for schema, table, rows in table_counts(warehouse) if schema == "main"
    ]
    lines.append(f"  warehouse  {warehouse}")
    if settings.quality_dir.joinpath("index.html").exists():
        lines.append(f"  data docs  {settings.quality_dir / 'index.html'}")
    akhbar = command_prefix()
    lines += [
        "",
        "Try (read-only):",
        f'  {akhbar} query "{EXAMPLE_QUERY}"',
        f'  {akhbar} analyses actor_timeline --var "actor_name_en=Vladimir Putin"',
    ]
    return lines


def print_summary(settings: Settings | None = None) -> int:
    settings = settings or get_settings()
    if not settings.warehouse.exists():
        print(f"No warehouse at {settings.warehouse}: no run has published yet (`make run`).")
        return 1
    print("\n".join(summary_lines(settings)))
    return 0


def reset_build(settings: Settings | None = None) -> None:
    build_dir = (settings or get_settings()).build_database.parent
    shutil.rmtree(build_dir, ignore_errors=True)
    print(f"removed {build_dir}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reset-build", action="store_true", help="delete the working database first")
    args = parser.parse_args()
    if args.reset_build:
        reset_build()
        return
    raise SystemExit(print_summary())


if __name__ == "__main__":
    main()
