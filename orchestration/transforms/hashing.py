"""Stable ids: SHA-256 over a whole string column, vectorized.

Polars' own hash is not stable across versions, and ids must be; DuckDB's sha256 runs over the
Arrow column in one pass instead of a Python loop over rows.
"""

from __future__ import annotations

import threading

import duckdb
import polars as pl

# One in-memory connection per thread (a connection is not shared across threads): opening one
# cost ~19 ms CPU, more than hashing a slice's few thousand keys, and each extraction call hashes
# three to five times.
_local = threading.local()


def _connection() -> duckdb.DuckDBPyConnection:
    con = getattr(_local, "con", None)
    if con is None:
        con = _local.con = duckdb.connect()
    return con


def sha256_prefix(values: pl.Series, length: int = 16) -> pl.Series:
    """First `length` hex digits of the SHA-256 of each (UTF-8) string, in input order."""
    if values.is_empty():
        return pl.Series(values.name, [], pl.String)
    con = _connection()
    try:
        con.register("t", pl.DataFrame({"v": values}).with_row_index("i").to_arrow())
        out = con.execute(f"select substr(sha256(v), 1, {int(length)}) as h from t order by i").pl()
    finally:
        con.unregister("t")
    return out["h"].alias(values.name)
