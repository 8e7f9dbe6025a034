"""The sorted-group window helpers of the events package agree with Polars ``over()``."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.events.contracts import TOKENS, ContractError, conform
from orchestration.transforms.events.windows import all_so_far, row_in_group, shift_in_group

KEYS = ["a", "s"]


def _frame() -> pl.DataFrame:
    # Groups of 1..4 rows, a null key forming its own group, sorted by the keys.
    return pl.DataFrame(
        {
            "a": ["x", "x", "x", "y", "y", "y", "y", "z", "z", "z"],
            "s": [0, 0, 1, None, None, 2, 2, 0, 0, 0],
            "v": [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
            "ok": [True, False, True, True, True, False, True, True, True, False],
        }
    )


@pytest.mark.parametrize("n", [1, -1, 2, -2])
def test_shift_in_group_is_shift_over(n: int) -> None:
    f = _frame()
    expected = f.select(pl.col("v").shift(n).over(KEYS))["v"]
    assert f.select(v=shift_in_group(pl.col("v"), n, KEYS))["v"].to_list() == expected.to_list()


def test_row_in_group_and_all_so_far_are_their_over_versions() -> None:
    f = _frame()
    rows = f.select(n=row_in_group(KEYS))["n"].to_list()
    assert rows == f.select(n=pl.int_range(pl.len()).over(KEYS))["n"].to_list()
    got = f.select(g=all_so_far(pl.col("ok"), KEYS))["g"].to_list()
    want = f.select(g=pl.col("ok").cast(pl.Int8).cum_min().over(KEYS).cast(pl.Boolean))["g"].to_list()
    assert got == want == [True, False, True, True, True, False, False, True, True, False]


def test_a_stage_frame_breaking_its_contract_fails_at_the_boundary() -> None:
    good = pl.DataFrame(schema=TOKENS)
    assert conform(good, TOKENS, "tokens") is good
    with pytest.raises(ContractError, match="token_index"):
        conform(good.with_columns(pl.col("token_index").cast(pl.Int32)), TOKENS, "tokens")
