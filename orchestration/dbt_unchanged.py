"""dbt nodes a run need not build again: views and seed-only tables, when nothing of dbt's changed.

A `dbt build` of a small batch spends most of its time on per-node work (~70-100 ms of dbt and
Dagster a node), not on rows. Two kinds of relation come out the same whatever the batch holds:
- **views** store no rows: DuckDB binds a view's query when it is read, so the view made last run
  shows this run's landing tables;
- **tables built from seeds alone** (the CAMEO codebook and `dim_event_types`): their inputs are
  files of the dbt project.
Both only change when the dbt project, the dbt version or the run's dbt arguments do. After each
successful full build the digest of those is written beside the target folder; a later full build
with the same digest, on a working database that still holds those relations, excludes them (and only
them: the tests on a view still run, since the view shows new rows). The skipped assets are still
reported as outputs (before dbt starts, in topological order), so that what depends on them (publish)
runs, with `akhbar/unchanged` metadata.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

STATE_FILE = "akhbar_unchanged.json"
# The dbt project's inputs to a node's SQL (analyses and docs build nothing).
_PROJECT_PARTS = ("models", "macros", "seeds", "tests", "snapshots")
_PROJECT_FILES = ("dbt_project.yml", "profiles.yml", "packages.yml", "package-lock.yml")
# dagster-dbt's selection of a whole, unsubsetted @dbt_assets step.
FULL_SELECTION = ("--select", "fqn:*")


def project_digest(project_dir: Path, dbt_args: Sequence[str]) -> str:
    """Hash of every file of the dbt project that shapes a node, dbt's version and the arguments."""
    from dbt.version import __version__ as dbt_version

    digest = hashlib.sha256(f"dbt {dbt_version}\n{json.dumps(list(dbt_args))}\n".encode())
    paths = [p for part in _PROJECT_PARTS for p in (project_dir / part).rglob("*") if p.is_file()]
    paths += [project_dir / name for name in _PROJECT_FILES if (project_dir / name).is_file()]
    for path in sorted(paths):
        digest.update(path.relative_to(project_dir).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())
    return digest.hexdigest()


def steady_nodes(manifest: Mapping[str, Any]) -> dict[str, Mapping[str, Any]]:
    """unique_id -> node of the views and of the seeds and tables built from seeds alone.

    A view's definition is steady, not its rows: a table over a view is not (only seeds count)."""
    nodes = manifest.get("nodes", {})
    # Rows fixed by the project's files: seeds, then tables whose every parent has such rows (a few
    # passes: chains are short).
    fixed = {uid for uid, node in nodes.items() if node.get("resource_type") == "seed"}
    changed = True
    while changed:
        changed = False
        for uid, node in nodes.items():
            if uid in fixed or node.get("resource_type") != "model" or _is_view(node):
                continue
            parents = node.get("depends_on", {}).get("nodes", [])
            if parents and all(p in fixed for p in parents):
                fixed.add(uid)
                changed = True
    # Views over sources or such tables: their outputs can be reported before dbt starts, ahead of
    # everything built on them (Dagster wants a multi-asset's outputs in topological order). A view
    # over a model the run rebuilds (gdelt_events) is built again.
    views = {
        uid
        for uid, node in nodes.items()
        if node.get("resource_type") == "model"
        and _is_view(node)
        and all(p not in nodes or p in fixed for p in node.get("depends_on", {}).get("nodes", []))
    }
    return {uid: nodes[uid] for uid in _topological([*fixed, *views], nodes)}


def _topological(uids: list[str], nodes: Mapping[str, Any]) -> list[str]:
    """``uids`` with every node after its parents among them (ties by id)."""
    left, done = sorted(set(uids)), []  # type: ignore[var-annotated]
    while left:
        ready = [
            u
            for u in left
            if all(p in done or p not in left for p in nodes[u].get("depends_on", {}).get("nodes", []))
        ]
        done += ready
        left = [u for u in left if u not in ready]
    return done


def _is_view(node: Mapping[str, Any]) -> bool:
    return node.get("config", {}).get("materialized") == "view"


def _relations_present(database: Path, nodes: Iterable[Mapping[str, Any]]) -> bool:
    """Whether the working database holds every one of these relations (a reset drops them)."""
    import duckdb

    wanted = {(n["schema"], n.get("alias") or n["name"]) for n in nodes}
    if not database.exists():
        return False
    with duckdb.connect(str(database)) as con:
        found = set(
            con.execute(
                "select schema_name, table_name from duckdb_tables() union all "
                "select schema_name, view_name from duckdb_views() where not internal"
            ).fetchall()
        )
    return wanted <= found


def read_state(target: Path) -> str | None:
    try:
        return json.loads((target / STATE_FILE).read_text()).get("digest")
    except (OSError, ValueError, AttributeError):
        return None


def write_state(target: Path, digest: str | None) -> None:
    """Record the digest of a successful full build (None forgets it: the next build is whole)."""
    path = target / STATE_FILE
    if digest is None:
        path.unlink(missing_ok=True)
    else:
        path.write_text(json.dumps({"digest": digest}))


def nodes_to_skip(
    manifest: Mapping[str, Any], digest: str, target: Path, database: Path
) -> dict[str, Mapping[str, Any]]:
    """The steady nodes when the last successful full build had this digest and left them in place."""
    if read_state(target) != digest:
        return {}
    steady = steady_nodes(manifest)
    return steady if steady and _relations_present(database, steady.values()) else {}


def exclusion_args(manifest: Mapping[str, Any], skipped: Mapping[str, Mapping[str, Any]]) -> list[str]:
    """dbt arguments leaving out the skipped nodes and the tests on the skipped tables alone.

    Indirect selection is turned off so that excluding a view does not exclude its tests (they read
    this run's rows); `fqn:*` still selects every test directly."""
    if not skipped:
        return []
    tables = {uid for uid, n in skipped.items() if not _is_view(n)}
    names = sorted(n["name"] for n in skipped.values())
    for node in manifest.get("nodes", {}).values():
        parents = node.get("depends_on", {}).get("nodes", [])
        if node.get("resource_type") == "test" and parents and set(parents) <= tables:
            names.append(node["name"])
    return ["--exclude", *names, "--indirect-selection", "empty"]
