"""Reproducible tie-breaks (issue 11, helper multi): co-span readings must not depend on row order."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.matching import select_longest
from orchestration.transforms.events.parties import coordinated_chains


def test_the_reading_kept_on_one_span_does_not_depend_on_the_row_order() -> None:
    # A primary name and an alias of one person on one span tie on every given key.
    rows = pl.DataFrame(
        {
            "w0": [3, 3],
            "w1": [5, 5],
            "entity_id": ["person:x", "person:x"],
            "is_primary": [False, True],
            "surf": ["alias form", "primary form"],
        }
    )
    picked = {select_longest(frame, ["entity_id"])["surf"].to_list()[0] for frame in (rows, rows.reverse())}
    assert len(picked) == 1


def test_coordination_chains_do_not_depend_on_the_order_of_co_span_mentions() -> None:
    # Two readings start on the same word (a role phrase and a longer name): the next item, joined by
    # و right after the longer one, is in the list whichever row came first.
    m = pl.DataFrame(
        {
            "article_id": ["a"] * 3,
            "sentence_index": [0] * 3,
            "a_start": [10, 10, 13],
            "a_end": [11, 12, 13],
            "t_start": [10, 10, 13],
            "entity_id": ["actor:role", "person:long", "person:next"],
            "entity_type": ["PERSON"] * 3,
            "klass": ["agent"] * 3,
            "coord": [False, False, True],
            "comma_item": [False] * 3,
            "list_goes_on": [False] * 3,
            "comma_after": [False] * 3,
            "conn_item": [False] * 3,
        }
    )
    results = []
    for frame in (m, m[[1, 0, 2]]):
        out = coordinated_chains(frame).sort("entity_id")
        chain = dict(zip(out["entity_id"], out["chain"], strict=True))
        results.append(chain["person:next"] == chain["person:long"])
    assert results == [True, True]
