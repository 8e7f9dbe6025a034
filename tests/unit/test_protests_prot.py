"""Protests (issue 11, CAMEO 14x): demonstrations and sit-ins before an embassy or a seat, the
crowd's plural nisba or the city it gathers in as the source, on sentence shapes of real news."""

from __future__ import annotations

import dataclasses

import polars as pl
import pytest

from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import ENTITIES, KB, PUB, _frames, dyads

_KB = dataclasses.replace(
    KB, places=pl.DataFrame({"entity_id": ["place:tehran", "place:baghdad"], "country_iso3": ["IRN", "IRQ"]})
)
_CODES = {"country:IRQ": "IRQ", "country:USA": "USA", "country:SAU": "SAU", "country:SDN": "SDN"}
# Nisba adjectives are weak country mentions (the tagger gives them 0.3).
_WEAK = ("العراقيين", "الاميركية", "السودانيين", "الفلسطينيين")


@pytest.fixture(autouse=True)
def _protest_entities(monkeypatch: pytest.MonkeyPatch) -> None:
    for surface, entity in {
        "العراقيين": ("country:IRQ", "PLACE"),
        "الاميركية": ("country:USA", "PLACE"),
        "السعودية": ("country:SAU", "PLACE"),
        "السودانيين": ("country:SDN", "PLACE"),
        "بغداد": ("place:baghdad", "PLACE"),
        "طهران": ("place:tehran", "PLACE"),
    }.items():
        monkeypatch.setitem(ENTITIES, surface, entity)


def _run(body: str) -> pl.DataFrame:
    articles, sentences, mentions = _frames(body, PUB)
    mentions = mentions.with_columns(
        actor_code=pl.col("entity_id").replace_strict(_CODES, default=None),
        confidence=pl.when(pl.col("surface").is_in(list(_WEAK)))
        .then(pl.lit(0.3))
        .otherwise(pl.col("confidence"))
        .cast(mentions.schema["confidence"]),
    )
    return apply_event_rules(
        extract_event_candidates(articles, sentences, mentions, _KB), sentences, mentions
    )


def test_a_crowd_of_nationals_before_an_embassy_demonstrates_against_its_state() -> None:
    # r316: "تجمع مئات العراقيين أمام السفارة الاميركية في بغداد في اطار الاحتجاجات المستمرة"
    out = _run("تجمع مئات العراقيين أمام السفارة الاميركية في بغداد في اطار الاحتجاجات المستمرة.")
    assert ("141", "IRQ", "USA") in dyads(out)


def test_an_unnamed_crowd_is_coded_by_the_city_it_gathers_in() -> None:
    # r315: "تظاهر بضع مئات من الاشخاص الاثنين امام مقر السفارة السعودية في طهران"
    out = _run("تظاهر بضع مئات من الاشخاص الاثنين امام مقر السفارة السعودية في طهران تعبيرا عن غضبهم.")
    assert ("141", "IRN", "SAU") in dyads(out)


def test_an_assembly_named_tajammu_is_no_gathering() -> None:
    # تجمع المهنيين is an organization: bare تجمع is no trigger, only تجمع + a crowd word.
    out = _run("وقال تجمع المهنيين السودانيين إن الحكومة أمام اختبار صعب أمام السفارة الاميركية.")
    assert not any(d[0].startswith("14") for d in dyads(out))


def test_a_career_masira_is_no_march() -> None:
    # bare مسيرة is also a career or a path ("مسيرة العلاقات"): only qualified marches are triggers.
    out = _run("وأشاد العراقيين بمسيرة العلاقات أمام السفارة الاميركية في بغداد.")
    assert not any(d[0].startswith("14") for d in dyads(out))
