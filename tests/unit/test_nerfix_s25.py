"""issue #12: the conjunction test of the open-world word features (``openworld/features.py``
``_vocab``). A word neither listed nor listed without its first letter used to lose ف as a
conjunction (0 >= 0), so فيرجسون became يرجسون, a plural by its ending. Sentence shapes from
ANERcorp's tuning part; each test fails without the fix."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.pipeline import open_world_words
from orchestration.transforms.reference import load_kb


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def _words(kb, text: str) -> dict[str, dict]:
    w, _ = open_world_words(pl.DataFrame({"article_id": ["a"], "body": [text]}), kb)
    return {r["token"]: r for r in w.select("token", "bare", "conj", "plural").iter_rows(named=True)}


def test_an_unlisted_foreign_name_keeps_its_first_fa(kb) -> None:
    w = _words(kb, "وقال فيرجسون إن فرنانديز وفيلار لعبا جيدا .")
    assert w["فيرجسون"]["bare"] == "فيرجسون"
    assert not w["فيرجسون"]["conj"]
    assert w["فرنانديز"]["bare"] == "فرنانديز"


def test_the_conjunctions_are_still_stripped(kb) -> None:
    # و on an unlisted word (وفيلار، وضموها), ف before hamza/alif (فأطاحوا), و on a listed word (وقال).
    w = _words(kb, "وقال إنهم وضموها فأطاحوا به وفيلار .")
    assert w["وقال"]["conj"] and w["وقال"]["bare"] == "قال"
    assert w["وضموها"]["conj"]
    assert w["فأطاحوا"]["conj"] and w["فأطاحوا"]["bare"] == "أطاحوا".replace("أ", "ا")
    assert w["وفيلار"]["bare"] == "فيلار"


def test_a_foreign_name_after_a_speech_verb_is_a_person(kb) -> None:
    m, _ = extract_entity_mentions(
        pl.DataFrame({"article_id": ["a"], "body": ["وقال فيرجسون إن الفريق سيواصل اللعب بقوة ."]}), kb
    )
    persons = m.filter(pl.col("entity_type") == "PERSON")["surface"].to_list()
    assert any("فيرجسون" in p for p in persons)
