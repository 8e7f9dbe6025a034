"""issue #12: false places of the gazetteer, removed by general rules (entities/hamza.py, ...)."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.hamza import inner_hamza
from orchestration.transforms.openworld import resolve, tagger
from tests.unit.reference_kb import reference_kb


def _places(body: str) -> list[str]:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.filter(pl.col("entity_type") == "PLACE").sort("char_start")["entity_id"].to_list()


def test_inner_hamza_ignores_the_first_letter_behind_clitics_and_article() -> None:
    words = ["رأسين", "إسطنبول", "للأصنام", "وبالأردن", "مسائل", "الرياض"]
    got = pl.DataFrame({"w": words}).select(inner_hamza(pl.col("w")))["w"].to_list()
    assert got == [True, False, False, False, True, False]


def test_a_word_spelling_a_hamza_the_place_lacks_is_not_that_place() -> None:
    # رأسين "two heads" folds to راسين, the gazetteer's Racine; the writer wrote the hamza.
    assert "place:racine" not in _places("أصيب المتظاهر بجرح في رأسين من رجال الأمن.")
    # Without the hamza it is still read as the city (writers drop hamzas, they do not add them).
    assert "place:racine" in _places("وصل الوفد إلى مدينة راسين الأمريكية.")
    assert _places("وصل الوفد إلى إسطنبول ثم رأس الخيمة.") == ["place:istanbul", "place:ras_al_khaimah"]


def _mentions(body: str) -> pl.DataFrame:
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    return m.sort("char_start")


def test_a_nationality_adjective_is_no_place_mention_but_keeps_its_country() -> None:
    m = _mentions("وأكد الجانب الروسي أن المحادثات في موسكو كانت بناءة.")
    assert m.select("surface", "method", "actor_code").rows() == [
        ("الروسي", "nisba", "RUS"),
        ("موسكو", "exact", None),
    ]


def test_a_nisba_after_a_name_particle_completes_a_name() -> None:
    # أم التونسي names an airport (a kunya), not Tunisia; after a noun the nisba is the country.
    assert "country:TUN" not in _places("وصل الوفد إلى مطار أم التونسي في طرابلس.")
    assert "country:TUN" in _places("وصل الوفد إلى المطار التونسي في جربة.")


def test_the_question_word_how_is_not_kyiv() -> None:
    assert _places("وكيف كان الانطباع عند عرضه في دبي ؟") == ["place:dubai"]
    assert _places("وصل الرئيس إلى كييف أمس.") == ["place:kyiv"]


def test_words_of_a_hashtag_are_no_place_mentions() -> None:
    body = "وشارك الآلاف في الحملة #غزة_تحت_القصف و#السودان على تويتر من القاهرة."
    assert _places(body) == ["place:cairo"]


def test_a_place_designator_names_the_unlisted_place_after_it() -> None:
    m = _mentions("واستشهد فلسطيني شرق مخيم البريج جنوب القطاع ، وعثر على جثتين قرب نهر مهروت .")
    found = m.filter(pl.col("entity_id").str.starts_with("place:new:"))
    assert found["surface"].to_list() == ["البريج", "مهروت"]
    # An adjective after the designator is no name: منطقة عازلة.
    assert (
        _mentions("وأقام الجيش منطقة عازلة على الحدود .")
        .filter(pl.col("entity_id").str.starts_with("place:new:"))
        .is_empty()
    )


def test_a_lone_frequent_definite_noun_is_no_found_place(monkeypatch: pytest.MonkeyPatch) -> None:
    # The tagger reads المدينة ("the city") as a place nobody listed; a rare word stays one.
    def tag(w: pl.DataFrame, _v: pl.DataFrame, _weights: pl.DataFrame) -> pl.DataFrame:
        hit = w.filter(pl.col("token").is_in(["المدينة", "البريج"]))
        rows = [(a, s, s, "PLACE", "model", 0.9) for a, s in zip(hit["aidx"], hit["wid"], strict=True)]
        return pl.DataFrame(rows, schema=tagger.MODEL_SPANS_SCHEMA, orient="row")

    monkeypatch.setattr(resolve, "tag_words", tag)
    m = _mentions("وقتل مسلحون شرطيا في المدينة ، واستشهد شاب في البريج .")
    assert m.filter(pl.col("entity_type") == "PLACE")["surface"].to_list() == ["البريج"]
