"""Repeats (issue 11): «كما ناقش الجانبان …» stands only while the event it repeats stands."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.entities import MENTION_SCHEMA
from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import EVENT_CANDIDATES_SCHEMA
from tests.unit.test_event_rules import A, B

# «ونقل … تحيات الرئيس الأسد للرئيس رئيسي» then «كما ناقش الجانبان آخر المستجدات» (real shape).
_TEXTS = [
    "وأبلغ الوزير خلال الاتصال تحيات فيصل بن فرحان إلى سامح شكري",
    "كما ناقش الجانبان آخر المستجدات",
]


def _frames(first_sentence: str) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    texts = [first_sentence, _TEXTS[1]]
    starts = [0, len(texts[0]) + 1]
    sentences = pl.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence_index": [0, 1],
            "char_start": starts,
            "char_end": [s + len(t) for s, t in zip(starts, texts, strict=True)],
            "sentence": texts,
        }
    )
    pos = [texts[0].find(A[0]), texts[0].find(B[0])]
    mentions = pl.DataFrame(
        {
            "article_id": ["a", "a"],
            "entity_id": [A[1], B[1]],
            "entity_type": ["PERSON", "PERSON"],
            "surface": [A[0], B[0]],
            "char_start": pos,
            "char_end": [pos[0] + len(A[0]), pos[1] + len(B[0])],
            "sentence_index": [0, 0],
            "method": ["exact", "exact"],
            "confidence": [0.9, 0.9],
            "actor_code": [A[2], B[2]],
            "role": [None, None],
        },
        schema=MENTION_SCHEMA,
    )
    trig = texts[0].find("الاتصال")
    candidates = pl.DataFrame(
        {
            "mention_id": ["m1", "m2"],
            "article_id": ["a", "a"],
            "sentence_index": [0, 1],
            "sentence": texts,
            "event_code": ["041", "041"],
            "trigger": ["الاتصال", "ناقش"],
            "action_char_offset": [trig, starts[1] + texts[1].find("ناقش")],
            "actor1_entity_id": [A[1], A[1]],
            "actor2_entity_id": [B[1], B[1]],
            # the repeat has no actor offsets of its own (events.selection.repeat_previous_event)
            "actor1_char_offset": [pos[0], None],
            "actor2_char_offset": [pos[1], None],
            "actor1_code": [A[2], A[2]],
            "actor2_code": [B[2], B[2]],
            "location_entity_id": [None, None],
            "status": ["occurred", "occurred"],
            "event_date": [dt.date(2021, 11, 18)] * 2,
            "date_precision": ["day", "day"],
            "event_weekday": [4, 4],
            "confidence": [0.8, 0.8],
        },
        schema=EVENT_CANDIDATES_SCHEMA,
    )
    return candidates, sentences, mentions


def test_the_repeat_of_conveyed_greetings_is_no_event() -> None:
    out = apply_event_rules(*_frames(_TEXTS[0]))
    assert out.is_empty(), out.select("sentence_index", "trigger")


def test_the_repeat_of_a_call_that_stands_stays() -> None:
    out = apply_event_rules(*_frames("وأجرى فيصل بن فرحان الاتصال مع سامح شكري"))
    assert out["sentence_index"].to_list() == [0, 1]
