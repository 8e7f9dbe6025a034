"""Behaviour of the helpers the speed pass of issue #10 rewrote (same results as the former code)."""

from __future__ import annotations

import numpy as np
import polars as pl

from orchestration.transforms.events.mentions import shared_actor_codes
from orchestration.transforms.openworld.tagger import _same_article, _shifted
from orchestration.transforms.tokens import build_tokens


def test_shared_actor_codes_first_code_in_text_order_per_article_and_entity() -> None:
    m = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "a", "b", "b"],
            "entity_id": ["p", "p", "p", "q", "p", "q"],
            "char_start": [30, 10, 50, 5, 1, 2],
            "char_end": [35, 15, 55, 8, 4, 3],
            "actor_code": [None, "SDNGOV", "USAGOV", None, None, "EGYGOV"],
        }
    )
    out = shared_actor_codes(m)
    # Row order kept; p in a takes the code of its first coded mention in the text (offset 10);
    # mentions with a code keep theirs; an entity with no code anywhere in the article stays null.
    assert out["actor_code"].to_list() == ["SDNGOV", "SDNGOV", "USAGOV", None, None, "EGYGOV"]
    assert out.columns == m.columns


def test_tagger_neighbour_rows_stop_at_the_article_edge() -> None:
    aidx = np.array([0, 0, 0, 1, 1, 2])
    vid = np.arange(6, dtype=np.intp) * 10
    for off in (-2, -1, 1, 2):
        got = _shifted(vid, off, _same_article(aidx, off), 99)
        row = np.arange(6)
        at = np.clip(row + off, 0, 5)
        ok = (row + off >= 0) & (row + off < 6) & (aidx[at] == aidx)
        assert got.tolist() == np.where(ok, vid[at], 99).tolist()
    one = np.array([7], dtype=np.intp)
    assert _shifted(one, 1, _same_article(np.array([0]), 1), 99).tolist() == [99]


def test_token_gaps_keep_punctuation_around_the_space() -> None:
    articles = pl.DataFrame({"article_id": ["a", "b"], "body": ["قال الرئيس، إن (الوفد) وصل.", "- نعم  جاء"]})
    t = build_tokens(articles)
    assert t["surface"].to_list() == ["قال", "الرئيس", "إن", "الوفد", "وصل", "نعم", "جاء"]
    assert t["gap"].to_list() == ["", " ", "، ", " (", ") ", "- ", "  "]
