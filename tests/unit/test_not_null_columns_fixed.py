"""The `not_null_columns` generic dbt test (dbt_project/macros/tests/not_null_columns.sql, issue #14):
NOT NULL columns and UNIQUE columns of a model in one node.

The macro is rendered with plain Jinja (as a macro instead of a dbt test block) and run on DuckDB.
"""

from __future__ import annotations

import re
from pathlib import Path

import duckdb
import jinja2
import pytest

MACRO = Path(__file__).resolve().parents[2] / "dbt_project" / "macros" / "tests" / "not_null_columns.sql"


def _sql(model: str, columns: list[str], unique: list[str] | None = None) -> str:
    text = MACRO.read_text(encoding="utf-8")
    text = re.sub(r"\{%\s*test\s+not_null_columns\(", "{% macro not_null_columns(", text)
    text = re.sub(r"\{%\s*endtest\s*%\}", "{% endmacro %}", text)
    module = jinja2.Environment().from_string(text).module
    return str(module.not_null_columns(model, columns, unique or []))


@pytest.fixture()
def con() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    con.execute(
        "create table t as select * from (values (1, 'a', 1.0), (2, null, null), (3, null, 2.0)) v(a, b, c)"
    )
    return con


def test_one_row_per_column_with_nulls_and_its_count(con: duckdb.DuckDBPyConnection) -> None:
    rows = con.execute(_sql("t", ["a", "b", "c"])).fetchall()
    assert sorted(rows) == [("b", "null", 2), ("c", "null", 1)]


def test_passes_when_the_listed_columns_hold_no_null(con: duckdb.DuckDBPyConnection) -> None:
    assert con.execute(_sql("t", ["a"])).fetchall() == []


def test_an_empty_model_passes(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("create table e (a int, b varchar)")
    assert con.execute(_sql("e", ["a", "b"])).fetchall() == []


def test_one_row_per_unique_column_with_repeated_values_nulls_not_compared(
    con: duckdb.DuckDBPyConnection,
) -> None:
    con.execute("insert into t values (1, 'x', 3.0), (1, 'y', 3.0), (4, 'x', 5.0)")
    # a: 1 three times (one repeated value); b: 'x' twice, NULL twice (not compared); c: 3.0 twice
    rows = con.execute(_sql("t", ["a"], ["a", "b", "c"])).fetchall()
    assert sorted(rows) == [("a", "duplicate", 1), ("b", "duplicate", 1), ("c", "duplicate", 1)]
    assert sorted(con.execute(_sql("t", ["a"], ["a", "b"])).fetchall()) == [
        ("a", "duplicate", 1),
        ("b", "duplicate", 1),
    ]


def test_unique_columns_without_repeats_pass(con: duckdb.DuckDBPyConnection) -> None:
    # b holds NULL twice: like dbt's `unique`, NULLs are not repeated values
    assert con.execute(_sql("t", ["a"], ["a", "b", "c"])).fetchall() == []
