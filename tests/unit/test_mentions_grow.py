"""Mentions (issue 11): a name the text gives a country once is a party in its later mentions."""

from __future__ import annotations

import polars as pl
import pytest

from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import ENTITIES, KB, PUB, _frames, dyads


def test_a_later_bare_mention_of_a_new_name_keeps_the_country_given_once(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # "… تلبية لدعوة رسمية من رئيس جمهورية جنوب السودان سلفاكير ميارديت … وأجرى البرهان مباحثات مع
    # الرئيس سلفاكير ميارديت": the second mention, found by its shape alone, is the same SSD actor.
    monkeypatch.setitem(ENTITIES, "البرهان", ("person:abdel_fattah_al_burhan", "PERSON"))
    monkeypatch.setitem(ENTITIES, "سلفاكير ميارديت", ("person:new:kiir", "PERSON"))
    articles, sentences, mentions = _frames(
        "وصل البرهان إلى جوبا تلبية لدعوة من رئيس جنوب السودان سلفاكير ميارديت. "
        "وأجرى البرهان مباحثات مع الرئيس سلفاكير ميارديت.",
        PUB,
    )
    kiir = pl.col("entity_id") == "person:new:kiir"
    first = kiir & (pl.col("sentence_index") == 0)
    mentions = mentions.with_columns(
        method=pl.when(kiir).then(pl.lit("name-shape")).otherwise(pl.col("method")),
        actor_code=pl.when(first).then(pl.lit("SSDGOV")).otherwise(pl.col("actor_code")),
    )
    out = extract_event_candidates(articles, sentences, mentions, KB)
    assert ("040", "abdel_fattah_al_burhan", "kiir") in dyads(out)
