"""hashing.sha256_prefix on its reused per-thread connection gives the same ids as hashlib."""

from __future__ import annotations

import hashlib
import threading

import polars as pl

from orchestration.transforms.hashing import sha256_prefix


def _want(values: list[str], length: int = 16) -> list[str]:
    return [hashlib.sha256(v.encode()).hexdigest()[:length] for v in values]


def test_repeated_calls_and_threads_give_hashlib_s_ids_in_input_order() -> None:
    values = ["قال الرئيس", "b", "a", "", "b"]
    for _ in range(3):
        assert sha256_prefix(pl.Series("k", values)).to_list() == _want(values)
    assert sha256_prefix(pl.Series("k", values), 8).to_list() == _want(values, 8)
    got: list[list[str]] = []
    thread = threading.Thread(target=lambda: got.append(sha256_prefix(pl.Series("k", values)).to_list()))
    thread.start()
    thread.join()
    assert got == [_want(values)]
    assert sha256_prefix(pl.Series("k", [], pl.String)).to_list() == []
