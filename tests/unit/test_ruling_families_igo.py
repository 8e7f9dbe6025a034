"""A new person of a Gulf ruling family is of its country (issue #11: r119 الدكتور الشيخ عبدالله بن
أحمد آل خليفة، وكيل وزارة الخارجية، with no country word)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.dynasties import load_ruling_families, with_ruling_family_country


def _frames(name: str, entity_id: str = "person:new:a1") -> tuple[pl.DataFrame, pl.DataFrame]:
    mentions = pl.DataFrame(
        {"entity_id": [entity_id], "surface": [name], "actor_code": [None]},
        schema_overrides={"actor_code": pl.String},
    )
    entities = pl.DataFrame(
        {"entity_id": [entity_id], "name_ar": [name], "country_iso3": [None], "cameo_code": [None]},
        schema_overrides={"country_iso3": pl.String, "cameo_code": pl.String},
    )
    return mentions, entities


def test_a_ruling_family_gives_the_country() -> None:
    m, e = with_ruling_family_country(*_frames("عبدالله بن أحمد آل خليفة"), load_ruling_families())
    assert e["country_iso3"].to_list() == ["BHR"]
    assert m["actor_code"].to_list() == ["BHR"]


def test_other_names_and_known_persons_are_left_alone() -> None:
    families = load_ruling_families()
    m, e = with_ruling_family_country(*_frames("جمال محمد الغنيم"), families)
    assert m["actor_code"].to_list() == [None]
    assert e["country_iso3"].to_list() == [None]
    # A known person keeps whatever the base says.
    _m, e = with_ruling_family_country(*_frames("خالد بن خليفة آل ثاني", "person:khalid"), families)
    assert e["country_iso3"].to_list() == [None]
