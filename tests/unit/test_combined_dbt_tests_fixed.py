"""`accepted_values_columns` and `relationships_columns`, a model's checks of one kind in one dbt node
(dbt_project/macros/tests/, issue #14). Rendered with plain Jinja and run on DuckDB."""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import duckdb
import jinja2
import pytest

MACROS = Path(__file__).resolve().parents[2] / "dbt_project" / "macros" / "tests"


def _sql(name: str, **kwargs: Any) -> str:
    text = (MACROS / f"{name}.sql").read_text(encoding="utf-8")
    text = re.sub(r"\{%\s*test\s+" + name + r"\(", "{% macro " + name + "(", text)
    text = re.sub(r"\{%\s*endtest\s*%\}", "{% endmacro %}", text)
    env = jinja2.Environment()
    env.globals["dbt"] = SimpleNamespace(type_string=lambda: "varchar")
    return str(getattr(env.from_string(text).module, name)(**kwargs))


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "create table events as select * from (values ('e1', 'occurred', 1, 'p1', 'p2'),"
        " ('e2', 'rumoured', 5, 'p1', null), ('e3', 'rumoured', 2, 'p9', 'p1')) v(id, status, quad, a1, a2)"
    )
    con.execute("create table people as select * from (values ('p1'), ('p2')) v(entity_id)")
    return con


def test_accepted_values_one_row_per_column_and_unexpected_value(con: duckdb.DuckDBPyConnection) -> None:
    sql = _sql(
        "accepted_values_columns",
        model="events",
        values={"status": ["occurred", "planned"], "quad": [1, 2, 3, 4]},
    )
    assert sorted(con.execute(sql).fetchall()) == [("quad", "5", 1), ("status", "rumoured", 2)]


def test_accepted_values_pass(con: duckdb.DuckDBPyConnection) -> None:
    sql = _sql("accepted_values_columns", model="events", values={"quad": [1, 2, 5]})
    assert con.execute(sql).fetchall() == []


def test_accepted_values_with_an_apostrophe(con: duckdb.DuckDBPyConnection) -> None:
    """A value with an apostrophe (Côte d'Ivoire) is quoted as SQL, not cut short."""
    con.execute("create table places as select * from (values ('Côte d''Ivoire'), ('Chad')) v(name)")
    sql = _sql("accepted_values_columns", model="places", values={"name": ["Côte d'Ivoire"]})
    assert con.execute(sql).fetchall() == [("name", "Chad", 1)]


def test_relationships_report_each_column_s_orphans(con: duckdb.DuckDBPyConnection) -> None:
    refs = [
        {"column": "a1", "to": "people", "field": "entity_id"},
        {"column": "a2", "to": "people", "field": "entity_id"},
    ]
    sql = _sql("relationships_columns", model="events", references=refs)
    assert con.execute(sql).fetchall() == [("a1", "p9")]
