"""Read-only SQL against the published warehouse: ad-hoc queries and the dbt analyses.

An analysis is compiled by dbt (in-process, into its own target folder and against an in-memory
database, so it neither touches a warehouse nor invalidates the pipeline's partial parse). Its refs
carry no catalog (see `macros/ref.sql`), so the SQL runs on whichever file is opened. Values reach it
as DuckDB variables set through prepared parameters (`getvariable('name')` in the SQL): a name with
an apostrophe is a value, never SQL.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

import duckdb

from orchestration.settings import DBT_PROJECT_DIR

ANALYSES_DIR = DBT_PROJECT_DIR / "analyses"
COMPILE_TARGET = DBT_PROJECT_DIR / "target" / "akhbar_analyses"
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


class AnalysisError(Exception):
    """A problem the user can fix: unknown analysis, malformed --var, SQL error."""


@dataclass(frozen=True)
class QueryResult:
    columns: list[str]
    rows: list[tuple]


def list_analyses() -> list[str]:
    return sorted(p.stem for p in ANALYSES_DIR.glob("*.sql"))


def parse_vars(pairs: list[str]) -> dict[str, str]:
    """`["k=v", ...]` -> {k: v}; the value is everything after the first `=`, kept verbatim."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or not _IDENTIFIER.match(name):
            raise AnalysisError(f"--var {pair!r}: expected NAME=VALUE with NAME a plain identifier")
        values[name] = value
    return values


def open_readonly(warehouse: Path) -> duckdb.DuckDBPyConnection:
    """A read-only connection that can neither write the warehouse nor read or write other files."""
    if not warehouse.exists():
        raise AnalysisError(f"no warehouse at {warehouse}: run `make run` first")
    return duckdb.connect(str(warehouse), read_only=True, config={"enable_external_access": False})


def run_query(warehouse: Path, sql: str, variables: dict[str, str] | None = None) -> QueryResult:
    with open_readonly(warehouse) as con:
        try:
            for name, value in (variables or {}).items():
                # The name is a checked identifier; the value goes through a prepared parameter.
                con.execute(f"set variable {name} = ?", [value])
            cursor = con.execute(sql)
            columns = [d[0] for d in cursor.description or []]
            return QueryResult(columns, cursor.fetchall() if columns else [])
        except duckdb.Error as exc:
            raise AnalysisError(str(exc)) from None


def compile_analysis(name: str) -> str:
    """The SQL of `dbt_project/analyses/<name>.sql` as dbt compiles it."""
    if name not in list_analyses():
        raise AnalysisError(f"no analysis {name!r}; known: {', '.join(list_analyses())}")
    from dbt.cli.main import dbtRunner

    previous = os.environ.get("AKHBAR_BUILD_DB")
    os.environ["AKHBAR_BUILD_DB"] = ":memory:"
    try:
        with contextlib.redirect_stdout(io.StringIO()) as out:
            result = dbtRunner().invoke(
                [
                    "compile",
                    "--quiet",
                    "--select",
                    f"resource_type:analysis,{name}",
                    "--project-dir",
                    str(DBT_PROJECT_DIR),
                    "--profiles-dir",
                    str(DBT_PROJECT_DIR),
                    "--target-path",
                    str(COMPILE_TARGET),
                ]
            )
    finally:
        if previous is None:
            os.environ.pop("AKHBAR_BUILD_DB", None)
        else:
            os.environ["AKHBAR_BUILD_DB"] = previous
    compiled = COMPILE_TARGET / "compiled" / "akhbar" / "analyses" / f"{name}.sql"
    if not result.success or not compiled.exists():
        raise AnalysisError(f"dbt could not compile {name}: {result.exception or out.getvalue().strip()}")
    return compiled.read_text(encoding="utf-8")


def run_analysis(warehouse: Path, name: str, variables: dict[str, str]) -> QueryResult:
    return run_query(warehouse, compile_analysis(name), variables)
