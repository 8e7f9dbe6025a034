"""Seats of international organizations (issue 11, helper attach): an IGO official going to his
organization's seat is going home, not visiting the host country (r21: «غادر مبعوث الأمين العام
للأمم المتحدة إلى اليمن مارتن غريفيث، العاصمة اليمنية صنعاء، متوجّهاً إلى جنيف»)."""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.parties import places_to_states
from orchestration.transforms.reference import KnowledgeBase


def _kb() -> KnowledgeBase:
    empty = pl.DataFrame()
    places = pl.DataFrame({"entity_id": ["place:geneva", "place:moscow"], "country_iso3": ["CHE", "RUS"]})
    return KnowledgeBase(
        countries=empty,
        persons=empty,
        office_spells=empty,
        places=places,
        organizations=empty,
        roles=empty,
        event_triggers=empty,
        event_types=empty,
    )


def _rows(subject_code: str, place: str) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "s_entity_id": ["person:envoy"],
            "s_actor_code": [subject_code],
            "o_entity_id": [place],
            "o_actor_code": [None],
            "o_klass": ["place"],
        },
        schema_overrides={"o_actor_code": pl.String},
    )


def test_a_un_envoy_heading_to_geneva_visits_no_country() -> None:
    assert places_to_states(_rows("IGOUNO", "place:geneva"), _kb()).height == 0


def test_a_un_envoy_heading_to_moscow_visits_russia() -> None:
    out = places_to_states(_rows("IGOUNO", "place:moscow"), _kb())
    assert out["o_entity_id"].to_list() == ["country:RUS"]


def test_a_states_minister_heading_to_geneva_visits_switzerland() -> None:
    out = places_to_states(_rows("IRNGOV", "place:geneva"), _kb())
    assert out["o_entity_id"].to_list() == ["country:CHE"]
