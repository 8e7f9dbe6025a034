"""issue #12: the tagger's person spans are kept from a lower probability than its other spans
(``resolve.MODEL_MIN_PROB_PERSON``): a doubtful person is mostly a foreign name nothing else finds."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld import resolve, tagger
from tests.unit.reference_kb import reference_kb


def _tagger_says(spans: list[tuple[str, str, float]]):
    """A stand-in for ``tag_words`` that tags the words spelled ``token`` as ``entity_type``."""

    def tag(w: pl.DataFrame, _v: pl.DataFrame, _weights: pl.DataFrame) -> pl.DataFrame:
        rows = []
        for token, etype, prob in spans:
            hit = w.filter(pl.col("token") == token)
            rows += [(a, s, s, etype, "model", prob) for a, s in zip(hit["aidx"], hit["wid"], strict=True)]
        return pl.DataFrame(rows, schema=tagger.MODEL_SPANS_SCHEMA, orient="row")

    return tag


def test_a_doubtful_person_is_kept_but_a_doubtful_organization_is_not(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # ونقلت الصحيفة عن بلاتزيك قوله ...: a transliterated surname, in no lexicon.
    monkeypatch.setattr(
        resolve, "tag_words", _tagger_says([("بلاتزيك", "PERSON", 0.5), ("فولكسفاغن", "ORG", 0.5)])
    )
    arts = pl.DataFrame(
        {
            "article_id": ["a"],
            "body": ["ونقلت الصحيفة عن بلاتزيك قوله إن مصانع فولكسفاغن ستغلق أبوابها."],
        }
    )
    m, _ = extract_entity_mentions(arts, reference_kb())
    found = m.filter(pl.col("method") == "model")
    assert found["surface"].to_list() == ["بلاتزيك"], m
    assert found["entity_type"][0] == "PERSON"


def test_a_lone_frequent_word_is_no_person_but_a_listed_given_name_is(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # وكان عباس الوحيد الذي ...: the tagger reads the adjective الوحيد ("the only one") as a name too.
    monkeypatch.setattr(
        resolve, "tag_words", _tagger_says([("الوحيد", "PERSON", 0.9), ("عباس", "PERSON", 0.9)])
    )
    arts = pl.DataFrame({"article_id": ["a"], "body": ["وكان عباس هو الوحيد الذي حضر الاجتماع الطارئ."]})
    m, _ = extract_entity_mentions(arts, reference_kb())
    assert m.filter(pl.col("method") == "model")["surface"].to_list() == ["عباس"], m
