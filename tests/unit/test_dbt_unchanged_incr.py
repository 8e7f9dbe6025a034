"""issue #14: a whole dbt build leaves out the views and seed-only tables the last one left unchanged
(``orchestration.dbt_unchanged``), never the tests that read this run's rows through a view."""

from __future__ import annotations

from pathlib import Path

import duckdb

from orchestration.dbt_unchanged import (
    exclusion_args,
    nodes_to_skip,
    project_digest,
    steady_nodes,
    write_state,
)


def _node(kind: str, name: str, parents: list[str], materialized: str | None = None) -> dict:
    return {
        "resource_type": kind,
        "name": name,
        "schema": {"seed": "reference", "test": "tests"}.get(kind, "main"),
        "config": {"materialized": materialized} if materialized else {},
        "depends_on": {"nodes": parents},
    }


# The project's shapes: a seed and its dimension, a view over a landing source, a mart over the
# view, tests on each, and a relationships test from the mart to the seed's dimension.
MANIFEST = {
    "nodes": {
        "seed.a.codes": _node("seed", "codes", []),
        "model.a.dim_codes": _node("model", "dim_codes", ["seed.a.codes"], "table"),
        "model.a.stg_articles": _node("model", "stg_articles", [], "view"),
        "model.a.fct_events": _node("model", "fct_events", ["model.a.stg_articles"], "table"),
        "model.a.gdelt_view": _node("model", "gdelt_view", ["model.a.fct_events"], "view"),
        "test.a.columns_dim_codes": _node("test", "columns_dim_codes", ["model.a.dim_codes"]),
        "test.a.columns_stg_articles": _node("test", "columns_stg_articles", ["model.a.stg_articles"]),
        "test.a.rel_fct_codes": _node("test", "rel_fct_codes", ["model.a.fct_events", "model.a.dim_codes"]),
    }
}


def test_views_and_seed_tables_are_steady_marts_over_sources_are_not() -> None:
    # A view over a mart the run rebuilds is built again (its output comes after the mart's).
    steady = list(steady_nodes(MANIFEST))
    assert set(steady) == {"seed.a.codes", "model.a.dim_codes", "model.a.stg_articles"}
    assert steady.index("seed.a.codes") < steady.index("model.a.dim_codes")


def test_tests_on_a_view_or_a_changing_mart_still_run() -> None:
    args = exclusion_args(MANIFEST, steady_nodes(MANIFEST))
    assert args[0] == "--exclude" and args[-2:] == ["--indirect-selection", "empty"]
    # The seed's dimension test is left out with it; the view's test reads new rows, and the
    # relationships test has a mart that changes.
    assert set(args[1:-2]) == {"codes", "dim_codes", "stg_articles", "columns_dim_codes"}
    assert exclusion_args(MANIFEST, {}) == []


def _database(path: Path, views: list[str]) -> Path:
    with duckdb.connect(str(path)) as con:
        con.execute("create schema reference")
        con.execute("create table reference.codes as select 1 as c")
        con.execute("create table main.dim_codes as select 1 as c")
        for view in views:
            con.execute(f"create view main.{view} as select 1 as c")
    return path


def test_skipped_only_after_a_successful_build_with_the_same_digest(tmp_path: Path) -> None:
    db = _database(tmp_path / "news.duckdb", ["stg_articles"])
    target = tmp_path / "target"
    target.mkdir()
    assert nodes_to_skip(MANIFEST, "d1", target, db) == {}  # no build recorded yet
    write_state(target, "d1")
    assert set(nodes_to_skip(MANIFEST, "d1", target, db)) == set(steady_nodes(MANIFEST))
    assert nodes_to_skip(MANIFEST, "d2", target, db) == {}  # the project or the arguments changed
    write_state(target, None)  # a failed build: the next one is whole
    assert nodes_to_skip(MANIFEST, "d1", target, db) == {}


def test_a_working_database_without_the_relations_is_built_whole(tmp_path: Path) -> None:
    # `make rebuild` drops the working database but not the target folder beside it.
    db = _database(tmp_path / "news.duckdb", [])
    write_state(tmp_path, "d1")
    assert nodes_to_skip(MANIFEST, "d1", tmp_path, db) == {}
    assert nodes_to_skip(MANIFEST, "d1", tmp_path, tmp_path / "missing.duckdb") == {}


def test_the_digest_follows_the_project_files_and_the_arguments(tmp_path: Path) -> None:
    (tmp_path / "models").mkdir()
    sql = tmp_path / "models" / "stg_articles.sql"
    sql.write_text("select 1")
    first = project_digest(tmp_path, ["build", "--select", "fqn:*"])
    assert project_digest(tmp_path, ["build", "--select", "fqn:*"]) == first
    assert project_digest(tmp_path, ["build", "--select", "fqn:*", "--vars", "{x: 1}"]) != first
    sql.write_text("select 2")
    assert project_digest(tmp_path, ["build", "--select", "fqn:*"]) != first
