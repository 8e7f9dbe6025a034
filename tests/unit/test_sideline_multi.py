"""على هامش X: X is the setting of an event, not a party (issue 11, helper multi; r50 shape)."""

from __future__ import annotations

from tests.unit.test_event_rules import SAU, A, B, _pair, _run
from tests.unit.test_events import dyads, run

C2 = ("أيمن الصفدي", "person:ayman_safadi", "JORGOV")


def test_an_actor_after_hamish_is_no_fallback_partner() -> None:
    # The own-country partner is dropped; the actor of the setting does not take its place.
    sentence = "بحث فيصل بن فرحان مع وزارة الخارجية السعودية، وذلك على هامش اجتماع برئاسة أيمن الصفدي"
    assert _pair(_run(sentence, "بحث", A, SAU, code="040", others=(C2,))) is None


def test_an_actor_before_hamish_still_falls_back() -> None:
    sentence = "بحث فيصل بن فرحان مع السعودية ومع سامح شكري، وذلك على هامش اجتماع"
    assert _pair(_run(sentence, "بحث", A, SAU, code="040", others=(B,))) == (A[1], B[1])


def test_a_sideline_phrase_takes_no_partner_from_an_earlier_clause() -> None:
    # r50 shape: "وقّع X وY بروتوكول مشاورات بين … و…، وذلك على هامش مباحثات …": بين is the
    # consultations', the sideline phrase is their setting and no meeting of its own.
    out = run("وقّع بوتين والسيسي بروتوكول مشاورات سياسية بين روسيا ومصر، وذلك على هامش القمة.")
    assert all(code != "044" for code, *_ in dyads(out))


def test_a_meeting_on_the_sidelines_keeps_its_code() -> None:
    assert dyads(run("التقى بوتين أردوغان على هامش القمة.")) == {
        ("044", "vladimir_putin", "recep_tayyip_erdogan")
    }
