"""Received visitors (issue 11): «استقبل الرئيس X نظيره Y … خلال زيارته الرسمية إلى مصر» — the
possessed visit after a reception is the guest's."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.entities import MENTION_SCHEMA
from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import EVENT_CANDIDATES_SCHEMA

_HOST = ("سامح شكري", "person:sameh_shoukry", "EGYGOV")
_GUEST = ("أيمن الصفدي", "person:ayman_safadi", "JORGOV")
_PLACE = ("مصر", "country:EGY", "EGY")


def _run(sentence: str, visit: str) -> pl.DataFrame:
    sentences = pl.DataFrame(
        {
            "article_id": ["a"],
            "sentence_index": [0],
            "char_start": [0],
            "char_end": [len(sentence)],
            "sentence": [sentence],
        }
    )
    actors = (_HOST, _GUEST, _PLACE)
    at = [sentence.find(a[0]) for a in actors]
    mentions = pl.DataFrame(
        {
            "article_id": ["a"] * 3,
            "entity_id": [a[1] for a in actors],
            "entity_type": ["PERSON", "PERSON", "PLACE"],
            "surface": [a[0] for a in actors],
            "char_start": at,
            "char_end": [s + len(a[0]) for s, a in zip(at, actors, strict=True)],
            "sentence_index": [0] * 3,
            "method": ["exact"] * 3,
            "confidence": [0.9] * 3,
            "actor_code": [a[2] for a in actors],
            "role": [None] * 3,
        },
        schema=MENTION_SCHEMA,
    )
    candidates = pl.DataFrame(
        {
            "mention_id": ["m1", "m2"],
            "article_id": ["a", "a"],
            "sentence_index": [0, 0],
            "sentence": [sentence, sentence],
            "event_code": ["043", "042"],
            "trigger": ["استقبل", visit],
            "action_char_offset": [sentence.find("استقبل"), sentence.find(visit)],
            "actor1_entity_id": [_HOST[1], _HOST[1]],
            "actor2_entity_id": [_GUEST[1], _PLACE[1]],
            "actor1_char_offset": [at[0], at[0]],
            "actor2_char_offset": [at[1], at[2]],
            "actor1_code": [_HOST[2], _HOST[2]],
            "actor2_code": [_GUEST[2], _PLACE[2]],
            "location_entity_id": [None, None],
            "status": ["occurred", "occurred"],
            "event_date": [dt.date(2024, 1, 2)] * 2,
            "date_precision": ["day", "day"],
            "event_weekday": [2, 2],
            "confidence": [0.8, 0.8],
        },
        schema=EVENT_CANDIDATES_SCHEMA,
    )
    return apply_event_rules(candidates, sentences, mentions)


def test_the_possessed_visit_after_a_reception_is_the_guest_s() -> None:
    out = _run("استقبل سامح شكري، صباح الثلاثاء، أيمن الصفدي، خلال زيارته الرسمية إلى مصر", "زيارته")
    visit = out.filter(pl.col("event_code") == "042")
    assert visit.select("actor1_entity_id", "actor2_entity_id").rows() == [(_GUEST[1], _PLACE[1])]


def test_a_visit_that_is_not_possessed_keeps_its_subject() -> None:
    out = _run("استقبل سامح شكري أيمن الصفدي، عقب زيارة إلى مصر", "زيارة")
    visit = out.filter(pl.col("event_code") == "042")
    assert visit["actor1_entity_id"].to_list() in ([_HOST[1]], [])
