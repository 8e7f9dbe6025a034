"""Headline-only events (issue 11): «العاصمة: وقفة احتجاجية أمام مقر السفارة الأمريكية بتونس» over
background paragraphs is the item's protest; a headline that restates a body event adds nothing."""

from __future__ import annotations

import datetime as dt

import polars as pl

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.event_rules import extract_ruled_events
from orchestration.transforms.headline_events import HEADLINE_SENTENCE
from orchestration.transforms.reference import load_kb
from orchestration.transforms.sentences import split_sentences

KB = load_kb()
PUB = dt.date(2025, 3, 20)
BACKGROUND = (
    "وأشار ذات المصدر، الى أن هذ الوقفة تأتي على اثر تجدد الحرب التي يشنها جيش الاحتلال ضد قطاع غزة "
    "المحاصر وكذلك تنديدا بالغارات التي تشنها الولايات المتحدة الأمريكية على اليمن."
)


def _events(title: str, body: str) -> pl.DataFrame:
    articles = pl.DataFrame(
        {"article_id": ["a1"], "title": [title], "body": [body], "published_date": [PUB]},
        schema={"article_id": pl.String, "title": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    sentences = split_sentences(articles)
    mentions, _ = extract_entity_mentions(articles, KB, sentences)
    return extract_ruled_events(articles, sentences, mentions, KB)


def test_a_headline_reports_the_event_a_background_body_does_not() -> None:
    title = "العاصمة: وقفة احتجاجية أمام مقر السفارة الأمريكية بتونس تنديدا بالعدوان على غزة"
    out = _events(title, BACKGROUND).filter(pl.col("sentence_index") == HEADLINE_SENTENCE)
    assert out.height > 0
    row = out.row(0, named=True)
    assert row["event_code"].startswith("14")
    assert {row["actor1_entity_id"], row["actor2_entity_id"]} == {"country:TUN", "country:USA"}
    assert row["event_date"] == PUB


def test_a_headline_restating_a_body_event_adds_no_row() -> None:
    title = "السيسي يستقبل ملك الأردن في القاهرة"
    body = "استقبل الرئيس عبد الفتاح السيسي، اليوم، العاهل الأردني الملك عبد الله الثاني في القاهرة."
    out = _events(title, body)
    assert out.height > 0
    assert (out["sentence_index"] != HEADLINE_SENTENCE).all()


def test_a_cancelled_meeting_in_a_headline_is_cancelled() -> None:
    # «ترمب يلغي اجتماعه مع بوتين …» over a body that reports no event
    title = "ترامب يلغي اجتماعه مع بوتين"
    out = _events(title, BACKGROUND).filter(pl.col("sentence_index") == HEADLINE_SENTENCE)
    assert out.height > 0
    assert set(out["status"]) == {"cancelled"}
    assert out["event_date"].is_null().all()
