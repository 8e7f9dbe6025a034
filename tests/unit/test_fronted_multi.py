"""Fronted event nouns are read through the main clause (issue 11, helper multi)."""

from __future__ import annotations

from tests.unit.test_events import dyads, run


def test_a_fronted_call_gives_the_main_clause_its_kind() -> None:
    # "وفي اتصال هاتفي، بحث الرئيس X مع الرئيس Y …": a call, not generic talks.
    out = run("وفي اتصال هاتفي، بحث الرئيس بوتين مع الرئيس السيسي الأوضاع في سوريا.")
    assert dyads(out) == {("041", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_a_fronted_call_with_its_partner_pairs_with_the_main_subject() -> None:
    out = run("وفي اتصال هاتفي مع الرئيس بوتين، أكد السيسي دعم مصر.")
    assert dyads(out) == {("041", "abdel_fattah_el_sisi", "vladimir_putin")}


def test_a_fronted_received_call_has_the_caller_first() -> None:
    out = run("وفي اتصال هاتفي تلقاه من الرئيس بوتين، بحث السيسي الأوضاع في سوريا.")
    assert dyads(out) == {("041", "vladimir_putin", "abdel_fattah_el_sisi")}


def test_a_fronted_phrase_that_is_no_event_changes_nothing() -> None:
    out = run("وفي سياق آخر، بحث بوتين مع السيسي الأوضاع.")
    assert dyads(out) == {("040", "vladimir_putin", "abdel_fattah_el_sisi")}
