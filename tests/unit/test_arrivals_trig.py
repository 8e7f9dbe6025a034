"""Arrivals (issue 11): «وصل X صباح اليوم إلى Y» is a visit of X to Y. The verb and its إلى are
apart in real wire copy (the subject, its titles and a time adverb stand between them), so the
trigger is the verb alone and its frame (``arrive``) reads only إلى as the destination."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_arrival_with_subject_and_time_adverb_before_ila() -> None:
    # r266 shape: «وصل فخامة رئيس الجمهورية، السيد X، مساء اليوم الأحد إلى داكار»
    out = run("وصل الرئيس السيسي مساء اليوم الأحد إلى موسكو للمشاركة في أشغال منتدى الأمن.")
    # the city stands for its country
    assert ("042", "abdel_fattah_el_sisi", "RUS") in dyads(out)


def test_arrival_without_ila_is_no_visit() -> None:
    # no destination after إلى: the actor after the verb is no object of an arrival
    out = run("وصل الرئيس السيسي اليوم بوتين.")
    assert not any(d[0] == "042" for d in dyads(out))
