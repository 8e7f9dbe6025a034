"""`python -m orchestration.summary`: what the last run published, for humans."""

from __future__ import annotations

import argparse
import shutil

import duckdb

from orchestration.settings import get_settings
from orchestration.warehouse import table_counts

EXAMPLE_QUERY = """select event_date, event_code, actor1_name_en, actor2_name_en, num_articles
from fct_events order by num_mentions desc limit 5;"""


def _scalar(con: duckdb.DuckDBPyConnection, sql: str) -> int:
    return con.execute(sql).fetchone()[0]


def print_summary() -> None:
    settings = get_settings()
    warehouse = settings.warehouse
    if not warehouse.exists():
        print(f"No warehouse at {warehouse}: the last run did not publish (see the Dagster logs).")
        raise SystemExit(1)
    with duckdb.connect(str(warehouse), read_only=True) as con:
        articles = _scalar(con, "select count(*) from main.dim_articles")
        duplicates = _scalar(con, "select count(*) from main.duplicate_articles")
        rejected = _scalar(con, "select count(*) from main.rejected_articles")
    print("\nAkhbar warehouse")
    print(f"  inbox      {settings.inbox}")
    print(f"  articles   {articles} ingested, {duplicates} duplicates, {rejected} rejected")
    print("  tables")
    for schema, table, rows in table_counts(warehouse):
        if schema == "main":
            print(f"    {table:<28}{rows:>10,}")
    print(f"  warehouse  {warehouse}")
    if settings.quality_dir.joinpath("index.html").exists():
        print(f"  data docs  {settings.quality_dir / 'index.html'}")
    print("\nTry (Python, or the duckdb CLI with -readonly):")
    print(
        f"  uv run python -c \"import duckdb; duckdb.connect('{warehouse}', read_only=True).sql('''{' '.join(EXAMPLE_QUERY.split())}''').show()\""
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--reset-build", action="store_true", help="delete the working database first")
    args = parser.parse_args()
    if args.reset_build:
        build_dir = get_settings().build_database.parent
        shutil.rmtree(build_dir, ignore_errors=True)
        print(f"removed {build_dir}")
        return
    print_summary()


if __name__ == "__main__":
    main()
