"""Window expressions over frames already sorted by their group keys.

``expr.shift(n).over(keys)`` and friends hash every group (tens of milliseconds per call at a few
thousand groups); on a frame sorted so that each group's rows are contiguous, the same results
come from a plain shift and a comparison with the neighbouring row's keys (~100x faster). Every
function here requires that precondition; nulls in a key form one group, as in ``over``.
"""

from __future__ import annotations

import polars as pl


def same_group(keys: list[str], n: int) -> pl.Expr:
    """True where the row ``n`` rows back (forward for negative ``n``) is in the same group."""
    same = pl.lit(True)
    for key in keys:
        same = same & pl.col(key).shift(n).eq_missing(pl.col(key))
    return same.fill_null(False)


def shift_in_group(expr: pl.Expr, n: int, keys: list[str]) -> pl.Expr:
    """``expr.shift(n).over(keys)``."""
    return pl.when(same_group(keys, n)).then(expr.shift(n))


def _from_group_start(value: pl.Expr, keys: list[str]) -> pl.Expr:
    """``value`` at the first row of each row's group."""
    return pl.when(~same_group(keys, 1)).then(value).forward_fill()


def row_in_group(keys: list[str]) -> pl.Expr:
    """``pl.int_range(pl.len()).over(keys)``: 0, 1, … within each group."""
    row = pl.int_range(pl.len(), dtype=pl.Int64)
    return row - _from_group_start(row, keys)


def all_so_far(condition: pl.Expr, keys: list[str]) -> pl.Expr:
    """``condition.cum_min().over(keys)`` for a boolean: True while no row of the group so far is False."""
    failures = (~condition).cast(pl.Int64).cum_sum()
    before_group = failures - (~condition).cast(pl.Int64)
    return failures - _from_group_start(before_group, keys) == 0
