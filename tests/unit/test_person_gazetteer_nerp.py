"""issue #12: person name words of ANERgazet (``scripts/build_person_gazetteer.py``) are family names
for the open-world finders and the tagger (``openworld/lexicon.py``)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import lexicon as elx
from orchestration.transforms.entities import roles as rl
from orchestration.transforms.openworld.lexicon import load_lexicons
from orchestration.transforms.reference import REFERENCE_DIR
from orchestration.transforms.text import normalize_text
from scripts.build_person_gazetteer import build
from tests.unit.reference_kb import reference_kb


def test_the_build_keeps_rare_name_words_and_drops_words_places_and_noise() -> None:
    out = build(["بلير", "هانس", "الملك", "اليوم", "واشنطن", "س", "***", "", "ناصربن بن"])
    kept = out["name_ar"].to_list()
    assert normalize_text("بلير") in kept and normalize_text("هانس") in kept
    # Frequent words (الملك، اليوم), a place (واشنطن), one letter, stars and two words are dropped.
    assert len(kept) == 2


def test_gazetteer_words_are_family_names_of_the_open_world_lexicon() -> None:
    el = elx.entity_lexicon(reference_kb(), REFERENCE_DIR)
    lx = load_lexicons(reference_kb(), REFERENCE_DIR, el.stop, rl.HONORIFIC_FORMS, rl.NAME_PARTICLES)
    family = set(lx.family.to_list())
    for name in ("بلير", "ميركل", "هانس", "ثيودور"):
        assert normalize_text(name) in family, name
    # Cue words never become names through the gazetteer (الرقيب is a rank).
    faker = pl.read_csv(REFERENCE_DIR / "family_names_ar.csv")["name_ar"].map_elements(
        normalize_text, return_dtype=pl.String
    )
    assert not (family - set(faker.to_list())) & set(lx.titles.to_list())
    gaz = pl.read_csv(REFERENCE_DIR / "person_gazetteer_ar.csv")
    assert gaz.height > 1000 and gaz["zipf_ar"].max() < 4.0
