"""The working database stays open from run start to the dbt step (issue #14, fixed cost)."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from orchestration import held_database


@pytest.fixture()
def database(tmp_path: Path):
    path = tmp_path / "news.duckdb"
    yield path
    held_database.release(path)


def test_connections_like_dagster_duckdbs_share_the_held_database(database: Path) -> None:
    held_database.hold(database)
    held_database.hold(database)  # a second hold is a no-op
    assert held_database.is_held(database)
    with duckdb.connect(str(database), read_only=False, config=held_database.dagster_config()) as con:
        con.execute("create table t as select 1 as x")
    # The table outlives that connection's close: the database itself stayed open.
    with duckdb.connect(str(database), read_only=False, config=held_database.dagster_config()) as con:
        assert con.execute("select x from t").fetchall() == [(1,)]


def test_released_the_file_opens_with_any_configuration_and_keeps_the_writes(database: Path) -> None:
    held_database.hold(database)
    with duckdb.connect(str(database), read_only=False, config=held_database.dagster_config()) as con:
        con.execute("create table t as select 2 as x")
    with pytest.raises(duckdb.ConnectionException):
        duckdb.connect(str(database))  # dbt's adapter passes another configuration
    held_database.release(database)
    assert not held_database.is_held(database)
    with duckdb.connect(":memory:") as con:  # as publish attaches it
        con.execute(f"attach '{database}' as build (read_only)")
        assert con.execute("select x from build.t").fetchall() == [(2,)]
