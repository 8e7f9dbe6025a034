"""Time adverbs with منذ (issue 11): «استقبل وزير الخارجية X، منذ قليل، نظيره السوري Y» (r385 shape).
منذ قليل is "a short while ago", not the subordinator منذ (منذ مقتل Y) that ends the clause."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_mundhu_qalil_keeps_the_object_in_the_clause() -> None:
    out = run("استقبل الرئيس السيسي، منذ قليل، الرئيس بوتين في مقر الرئاسة.")
    assert ("043", "abdel_fattah_el_sisi", "vladimir_putin") in dyads(out)


def test_mundhu_before_a_noun_still_ends_the_clause() -> None:
    # «منذ توليه»: a new clause; what follows is no guest
    out = run("استقبل الرئيس السيسي الوفد منذ تولي الرئيس بوتين منصبه.")
    assert ("043", "abdel_fattah_el_sisi", "vladimir_putin") not in dyads(out)
