"""The dropped subject of a temporal clause is the main clause's (issue 11): «ومن المقرر أن يلتقي
جوتيريش وزير الخارجية الروسي، سيرجي لافروف، والرئيس الروسي، فلاديمير بوتين، قبل أن يتوجه إلى العاصمة
الأوكرانية كييف» — Guterres travels, not Putin; «واستقبل ولد مرزوك … السفير الفرنسي …، قبل أن يستقبل
السفيرة الألمانية» — the minister receives her."""

from __future__ import annotations

from orchestration.transforms.event_rules import apply_event_rules
from orchestration.transforms.events import extract_event_candidates
from tests.unit.test_events import KB, PUB, _frames


def _pairs(body: str) -> set[tuple[str, str, str]]:
    articles, sentences, mentions = _frames(body, PUB)
    out = apply_event_rules(extract_event_candidates(articles, sentences, mentions, KB), sentences, mentions)
    return {
        (r["event_code"][:2], r["actor1_entity_id"].split(":")[-1], r["actor2_entity_id"].split(":")[-1])
        for r in out.iter_rows(named=True)
    }


def test_the_traveller_after_before_that_is_the_main_subject() -> None:
    body = "ومن المقرر أن يلتقي الرئيس السيسي دونالد ترامب، والرئيس بوتين، قبل أن يتوجه إلى إسرائيل."
    pairs = _pairs(body)
    assert ("04", "abdel_fattah_el_sisi", "ISR") in pairs, pairs
    assert ("04", "vladimir_putin", "ISR") not in pairs, pairs


def test_the_host_of_a_second_reception_is_the_main_subject() -> None:
    body = "واستقبل الرئيس السيسي اليوم دونالد ترامب، قبل أن يستقبل الرئيس بوتين في القاهرة."
    pairs = _pairs(body)
    assert ("04", "abdel_fattah_el_sisi", "vladimir_putin") in pairs, pairs
    assert ("04", "donald_trump", "vladimir_putin") not in pairs, pairs
