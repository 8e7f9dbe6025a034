"""What changed in the inbox since the warehouse last saw it.

State is one row per inbox file: path, size, mtime, content hash, and the version of the pipeline
(reference data and transform code) that processed it. Content is re-hashed only when size or mtime
moved, so an unchanged inbox costs one `stat` per file.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import polars as pl

from orchestration.transforms.ingest import list_inbox_files
from orchestration.transforms.schemas import INBOX_STATE_SCHEMA

STATE_SCHEMA = INBOX_STATE_SCHEMA
CHANGES = ("new", "changed", "reprocess", "unchanged", "deleted")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def pipeline_version(*roots: Path) -> str:
    """Hash of every reference CSV and transform module, in packages too (``transforms/entities/``):
    when it moves, old files are reprocessed."""
    digest = hashlib.sha256()
    for root in roots:
        for path in sorted(p for p in root.rglob("*") if p.suffix in {".csv", ".py"} and p.is_file()):
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def inbox_problem(inbox: Path) -> str | None:
    """Why `inbox` cannot be scanned (missing, not a folder, unreadable), or None when it can."""
    if not inbox.exists():
        return (
            f"inbox {inbox} does not exist (check AKHBAR_INBOX, or whether its share is mounted); "
            "a missing inbox is not taken for deleted files"
        )
    if not inbox.is_dir():
        return f"inbox {inbox} is not a folder (check AKHBAR_INBOX)"
    try:
        with os.scandir(inbox) as entries:
            next(entries, None)
    except OSError as exc:
        return f"inbox {inbox} cannot be read ({exc.strerror or exc})"
    return None


def scan_inbox(inbox: Path, previous: pl.DataFrame | None = None) -> pl.DataFrame:
    """Current state of every inbox file (STATE_SCHEMA)."""
    known: dict[str, tuple[int, int, str]] = {}
    if previous is not None and previous.height:
        known = {row[0]: (row[1], row[2], row[3]) for row in previous.select(list(STATE_SCHEMA)).iter_rows()}
    rows = []
    for path in list_inbox_files(inbox) if inbox.is_dir() else []:
        rel = path.relative_to(inbox).as_posix()
        stat = path.stat()
        old = known.get(rel)
        same = old is not None and old[0] == stat.st_size and old[1] == stat.st_mtime_ns
        rows.append((rel, stat.st_size, stat.st_mtime_ns, old[2] if same else _sha256(path)))
    return pl.DataFrame(rows, schema=STATE_SCHEMA, orient="row")


def plan_changes(
    previous: pl.DataFrame | None, current: pl.DataFrame, version: str | None = None
) -> pl.DataFrame:
    """One row per file seen now or before, with `change` in CHANGES.

    With a `version`, files that `previous` (with a `pipeline_version` column) records as processed
    by another version are `reprocess`, so a change of reference data or extraction code reaches
    old articles.
    """
    prev = previous if previous is not None else pl.DataFrame(schema=STATE_SCHEMA)
    old_version = (
        pl.col("pipeline_version") if "pipeline_version" in prev.columns else pl.lit(None, pl.String)
    )
    prev = prev.select("source_file", _old_sha=pl.col("sha256"), _old_version=old_version)
    joined = current.join(prev, on="source_file", how="full", coalesce=True)
    change = (
        pl.when(pl.col("sha256").is_null())
        .then(pl.lit("deleted"))
        .when(pl.col("_old_sha").is_null())
        .then(pl.lit("new"))
        .when(pl.col("_old_sha") != pl.col("sha256"))
        .then(pl.lit("changed"))
        .when(pl.lit(version is not None) & (pl.col("_old_version") != pl.lit(version)))
        .then(pl.lit("reprocess"))
        .otherwise(pl.lit("unchanged"))
    )
    return (
        joined.with_columns(change=change, pipeline_version=pl.lit(version, pl.String))
        .select(*STATE_SCHEMA, "pipeline_version", "change")
        .sort("source_file")
    )


def batch_key(plan: pl.DataFrame, sequence: int = 0) -> str:
    """Run key of a batch: the number of the change (the sensor's cursor counts them) and the content
    hashes of its changed files. The same evaluation replayed gets the same key, so a batch is never
    requested twice; a file that leaves and comes back is a later change with a new key, so it is
    ingested again (Dagster launches one run per run key, ever)."""
    todo = (
        plan.filter(pl.col("change") != "unchanged")
        .select("source_file", "sha256", "change")
        .sort("source_file")
    )
    digest = hashlib.sha256(json.dumps(todo.rows()).encode()).hexdigest()[:32]
    return f"{sequence}-{digest}"


def state_to_json(state: pl.DataFrame, sequence: int = 0) -> str:
    return json.dumps({"sequence": sequence, "files": state.select(list(STATE_SCHEMA)).rows()})


def cursor_sequence(cursor: str | None) -> int:
    """How many batches the sensor has requested so far (0 for a cursor from before the count)."""
    value = json.loads(cursor) if cursor else None
    return int(value.get("sequence", 0)) if isinstance(value, dict) else 0


def state_from_json(cursor: str | None) -> pl.DataFrame:
    value = json.loads(cursor) if cursor else []
    rows = value.get("files", []) if isinstance(value, dict) else value
    return pl.DataFrame(rows, schema=STATE_SCHEMA, orient="row")


def archive_deleted(plan: pl.DataFrame) -> pl.DataFrame:
    """Archive mode: a file moved out of the inbox after processing is kept, not retracted."""
    return plan.with_columns(
        change=pl.when(pl.col("change") == "deleted").then(pl.lit("unchanged")).otherwise("change")
    )


def deleted_article_share(inbox_batch: pl.DataFrame, articles: pl.DataFrame) -> tuple[int, int]:
    """(articles whose file is `deleted` in this batch, articles in the warehouse).

    Only deletions count: a changed or reprocessed file retracts its articles but ingests them again.
    """
    gone = inbox_batch.filter(pl.col("change") == "deleted")["source_file"].implode()
    return articles.filter(pl.col("source_file").is_in(gone)).height, articles.height


def batch_work(
    plan: pl.DataFrame, known: pl.DataFrame, duplicates_before: pl.DataFrame | None
) -> tuple[pl.DataFrame, list[str], pl.DataFrame, pl.DataFrame]:
    """What a run must do for a plan: (plan, files to read, retracted article ids, known articles left).

    Every file of the batch (any change but `unchanged`) has its earlier articles retracted; this also
    covers a `new` file whose articles a failed run already wrote, so it is never taken for a duplicate
    of itself. A duplicate of a retracted article may now be the only copy, so it is read again.
    """
    touched = pl.col("change") != "unchanged"
    if duplicates_before is not None and duplicates_before.height:
        retract = plan.filter(touched)["source_file"].implode()
        orphans = duplicates_before.filter(pl.col("duplicate_of_file").is_in(retract))[
            "source_file"
        ].implode()
        plan = plan.with_columns(
            change=pl.when(pl.col("source_file").is_in(orphans) & ~touched)
            .then(pl.lit("reprocess"))
            .otherwise("change")
        )
    batch_files = plan.filter(touched)["source_file"].implode()
    todo = plan.filter(pl.col("change").is_in(["new", "changed", "reprocess"]))["source_file"].to_list()
    in_batch = pl.col("source_file").is_in(batch_files)
    return plan, todo, known.filter(in_batch).select("article_id"), known.filter(~in_batch)
