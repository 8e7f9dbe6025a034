"""Stable ids: SHA-256 over a whole string column, vectorized.

Polars' own hash is not stable across versions, and ids must be; DuckDB's sha256 runs over the
Arrow column in one pass instead of a Python loop over rows.
"""

from __future__ import annotations

import duckdb
import polars as pl


def sha256_prefix(values: pl.Series, length: int = 16) -> pl.Series:
    """First `length` hex digits of the SHA-256 of each (UTF-8) string, in input order."""
    if values.is_empty():
        return pl.Series(values.name, [], pl.String)
    con = duckdb.connect()
    try:
        con.register("t", pl.DataFrame({"v": values}).with_row_index("i").to_arrow())
        out = con.execute(f"select substr(sha256(v), 1, {int(length)}) as h from t order by i").pl()
    finally:
        con.close()
    return out["h"].alias(values.name)
