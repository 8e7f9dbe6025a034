"""issue #12: a tagged person's name that holds a known town's name (ارلن سبيكتر، الملكة صوفيا) is the
person's; the town's name match yields (``openworld.person_places``)."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld import resolve, tagger
from tests.unit.reference_kb import reference_kb


def _tagger_says(spans: list[tuple[str, int, str]]):
    """A stand-in for ``tag_words``: a span of ``n`` words from each word spelled ``token``."""

    def tag(w: pl.DataFrame, _v: pl.DataFrame, _weights: pl.DataFrame) -> pl.DataFrame:
        rows = []
        for token, n, etype in spans:
            hit = w.filter(pl.col("token") == token)
            rows += [
                (a, s, s + n - 1, etype, "model", 0.8) for a, s in zip(hit["aidx"], hit["wid"], strict=True)
            ]
        return pl.DataFrame(rows, schema=tagger.MODEL_SPANS_SCHEMA, orient="row")

    return tag


def _mentions(body: str) -> pl.DataFrame:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m


def _of(m: pl.DataFrame, etype: str) -> list[str]:
    return m.filter(pl.col("entity_type") == etype)["surface"].to_list()


def test_a_tagged_full_name_opening_on_a_town_name_is_a_person(monkeypatch: pytest.MonkeyPatch) -> None:
    # ارلن is Arlon (Belgium) in the gazetteer; سبيكتر is a rare word nothing reads: a foreign surname.
    monkeypatch.setattr(resolve, "tag_words", _tagger_says([("ارلن", 2, "PERSON")]))
    m = _mentions("عرض السناتور الجمهوري ، ارلن سبيكتر ، اقتراحا على مجلس الشيوخ.")
    assert "ارلن سبيكتر" in _of(m, "PERSON"), m
    assert "ارلن" not in _of(m, "PLACE"), m


def test_a_tagged_name_right_after_a_definite_title_beats_a_town(monkeypatch: pytest.MonkeyPatch) -> None:
    # صوفيا is also Sofia (Bulgaria); after الملكة it is the queen's name.
    monkeypatch.setattr(resolve, "tag_words", _tagger_says([("صوفيا", 1, "PERSON")]))
    m = _mentions("وصل الملك إلى مدريد وعقيلته الملكة صوفيا اليوم الاثنين.")
    assert "صوفيا" in _of(m, "PERSON"), m
    assert "صوفيا" not in _of(m, "PLACE"), m


def test_the_town_stays_without_a_title_or_a_name_shaped_span(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tagger's slip: a lone town, and a town run into a frequent word, read as a person.
    monkeypatch.setattr(resolve, "tag_words", _tagger_says([("صوفيا", 1, "PERSON"), ("ارلن", 2, "PERSON")]))
    m = _mentions("وصل الوفد إلى صوفيا اليوم ثم توجه الى ارلن أمس الاثنين.")
    assert _of(m, "PERSON") == [], m
    assert {"صوفيا", "ارلن"} <= set(_of(m, "PLACE")), m


def test_a_town_after_an_indefinite_noun_is_its_genitive_not_a_name(monkeypatch: pytest.MonkeyPatch) -> None:
    # مطار صوفيا is Sofia's airport: the tagger ran the town into the director's name after it.
    monkeypatch.setattr(resolve, "tag_words", _tagger_says([("صوفيا", 3, "PERSON")]))
    m = _mentions("وقال مدير مطار صوفيا ايفان بيتروف إن الرحلات ستستأنف غدا.")
    assert "صوفيا" in _of(m, "PLACE"), m
    assert not any("صوفيا" in p for p in _of(m, "PERSON")), m
