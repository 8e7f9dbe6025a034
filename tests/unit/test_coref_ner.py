"""issue #12: in-article coreference of found persons keyed on the family name (the name less its
given name) and never on a connector or the divine name alone."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.openworld.coref import _keys
from tests.unit.reference_kb import reference_kb


def test_a_kunya_family_name_links_to_the_full_name() -> None:
    body = "وقال المتحدث باسم الحركة سامي أبو زهري إن الحوار مستمر. وأضاف أبو زهري أن الجولة المقبلة قريبة."
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    full = m.filter(pl.col("surface") == "سامي أبو زهري")
    again = m.filter(pl.col("surface") == "أبو زهري")
    assert full.height == 1 and again.height == 1, m
    assert again["entity_id"][0] == full["entity_id"][0]


def test_keys_of_a_three_word_name() -> None:
    persons = pl.DataFrame({"aidx": [0], "entity_id": ["p"], "name_key": ["محمد حسني مبارك"]})
    keys = set(_keys(persons)["key"].to_list())
    assert keys == {"مبارك", "محمد مبارك", "حسني مبارك"}


def test_the_divine_name_alone_is_no_later_mention() -> None:
    body = "وقال المدرب جمال عبد الله إن الفريق جاهز. وأضاف أن الله وفق اللاعبين في المباراة."
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    assert "الله" not in m.filter(pl.col("entity_type") == "PERSON")["surface"].to_list(), m


def test_a_surname_after_a_preposition_clitic_links_without_the_clitic() -> None:
    body = "وقال المحلل النفسي سيغموند فرويد إن الأحلام رموز. وكان بريجر ناصحا لفرويد في شبابه."
    m, _ = extract_entity_mentions(pl.DataFrame({"article_id": ["a"], "body": [body]}), reference_kb())
    full = m.filter(pl.col("surface") == "سيغموند فرويد")
    again = m.filter(pl.col("surface") == "فرويد")
    assert full.height == 1 and again.height == 1, m
    assert again["entity_id"][0] == full["entity_id"][0]
    # The offsets spell the surname, not the preposition glued to it.
    assert body[again["char_start"][0] : again["char_end"][0]] == "فرويد"


def test_a_name_shaped_guess_does_not_make_a_surname_ambiguous() -> None:
    # وكان أمل فرويد أن يصبح عالما ("Freud's hope was ..."): the name-shape rule reads أمل فرويد as a
    # person; the key فرويد stays with سيغموند فرويد, found by the tagger.
    persons = pl.DataFrame(
        {
            "aidx": [0, 0],
            "entity_id": ["freud", "hope"],
            "name_key": ["سيغموند فرويد", "امل فرويد"],
            "method": ["model", "name-shape"],
        }
    )
    keys = _keys(persons)
    assert keys.filter(pl.col("key") == "فرويد")["entity_id"].to_list() == ["freud"]
    assert keys.filter(pl.col("key") == "فرويد").height == 1
    # Two persons found the same way still make a shared key ambiguous.
    both = persons.with_columns(method=pl.lit("model"))
    assert _keys(both).filter(pl.col("key") == "فرويد").is_empty()
