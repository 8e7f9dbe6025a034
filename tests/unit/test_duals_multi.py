"""Dual heads name two actors (issue 11, helper multi; r49 shape "وقعت وزارتا الخارجية الصومالية والمصرية")."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.duals import dual_members
from orchestration.transforms.events.mentions import MIN_STATE_CONFIDENCE
from tests.unit.test_events import dyads, run


def _confidences(words: list[str], states: dict[int, bool]) -> list[float]:
    """m_conf after dual_members of weak state mentions at the given word indexes (value: و-prefixed)."""
    tokens = pl.DataFrame({"article_id": ["a"] * len(words), "token_index": range(len(words)), "norm": words})
    m = pl.DataFrame(
        {
            "article_id": ["a"] * len(states),
            "a_start": list(states),
            "a_end": list(states),
            "klass": ["state"] * len(states),
            "wprefix": list(states.values()),
            "m_conf": [0.3] * len(states),
        }
    )
    return dual_members(m, tokens).sort("a_start")["m_conf"].to_list()


def test_both_adjectives_after_a_dual_ministry_are_actors() -> None:
    words = ["وقعت", "وزارتا", "الخارجيه", "الصوماليه", "والمصريه", "يوم", "امس"]
    assert _confidences(words, {3: False, 4: True}) == [MIN_STATE_CONFIDENCE] * 2


def test_an_accusative_singular_is_no_dual() -> None:
    # "تعيينه وزيرا للخارجية السورية": وزيرا before لـ is "as minister", one office.
    words = ["تعيينه", "وزيرا", "للخارجيه", "السوريه"]
    assert _confidences(words, {3: False}) == [0.3]


def test_the_two_presidents_named_after_the_dual_are_a_dyad_of_their_own() -> None:
    # "وبحث الرئيسان X وY": the dual is followed by both names, no back-reference.
    assert dyads(run("وبحث الرئيسان بوتين والسيسي الأوضاع في سوريا.")) == {
        ("040", "vladimir_putin", "abdel_fattah_el_sisi")
    }


def test_a_bare_dual_still_refers_back() -> None:
    body = "بحث بوتين مع السيسي الأوضاع. وبحث الرئيسان الوضع في سوريا."
    assert dyads(run(body)) == {("040", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_a_lone_adjective_after_an_accusative_is_not_raised() -> None:
    # "استقبل وفدا سعوديا": وفدا is a singular accusative; a dual names two states, not one.
    words = ["استقبل", "وفدا", "سعوديا", "رفيعا"]
    assert _confidences(words, {2: False}) == [0.3]
