"""The warehouse state that ingest reads, declared in the asset graph.

`inbox_articles` compares the inbox with what earlier runs built: the `inbox_files`,
`dim_articles` and `duplicate_articles` marts of the working database. Those marts are downstream of
ingest in this run, so the dependency is on their state as the previous run left it: an observable
source asset, whose data version moves exactly when that state does.
"""

import hashlib

import dagster as dg
from dagster_duckdb import DuckDBResource

PREVIOUS_BUILD = dg.AssetKey(["state", "previous_build"])
STATE_TABLES = ("inbox_files", "dim_articles", "duplicate_articles")

_FINGERPRINT_SQL = {
    "inbox_files": "select count(*), coalesce(sum(hash(source_file, sha256, pipeline_version)), 0)"
    " from main.inbox_files",
    "dim_articles": "select count(*), coalesce(sum(hash(article_id, source_file)), 0) from main.dim_articles",
    "duplicate_articles": "select count(*), coalesce(sum(hash(source_file, record_index)), 0)"
    " from main.duplicate_articles",
}


@dg.observable_source_asset(
    key=PREVIOUS_BUILD,
    group_name="ingest",
    description="The marts of earlier runs that ingest reads: inbox_files (what was seen), dim_articles "
    "(what exists), duplicate_articles (what repeats it). Observing it versions that state.",
)
def previous_build(warehouse_db: DuckDBResource) -> dg.ObserveResult:
    digest = hashlib.sha256()
    rows: dict[str, int] = {}
    with warehouse_db.get_connection() as con:
        present = {
            r[0]
            for r in con.execute(
                "select table_name from duckdb_tables() where schema_name = 'main'"
            ).fetchall()
        }
        for table in STATE_TABLES:
            count, fingerprint = (
                con.execute(_FINGERPRINT_SQL[table]).fetchone() if table in present else (0, 0)
            )
            rows[table] = count
            digest.update(f"{table}:{count}:{fingerprint};".encode())
    return dg.ObserveResult(
        data_version=dg.DataVersion(digest.hexdigest()[:16]),
        metadata={f"{table}_rows": dg.MetadataValue.int(n) for table, n in rows.items()},
    )
