import hashlib

import polars as pl

from orchestration.transforms.hashing import sha256_prefix


def test_matches_hashlib_in_input_order() -> None:
    values = pl.Series("k", ["a|1|041|person:x|person:y", "بوتين", "", "z" * 10_000])
    expected = [hashlib.sha256(v.encode("utf-8")).hexdigest()[:16] for v in values]
    assert sha256_prefix(values).to_list() == expected
    assert sha256_prefix(values, 8).to_list() == [e[:8] for e in expected]
    assert sha256_prefix(values.head(0)).to_list() == []
