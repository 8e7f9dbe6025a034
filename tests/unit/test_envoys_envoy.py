"""The envoy, not his sender, is the party (issue 11, helper envoy): in «استقبل مبعوث الرئيس
الفلسطيني محمود عباس، … جبريل الرجوب» the president received the envoy; the sender named after
مبعوث الرئيس and his state's nisba is no party, and the envoy described after him is (r377)."""

from __future__ import annotations

from tests.unit.test_event_rules import _pair, _run

SALIH = ("صالح", "person:barham_salih", "IRQGOV")
ABBAS = ("محمود عباس", "person:mahmoud_abbas", "PSEGOV")
PSE = ("الفلسطيني", "country:PSE", "PSE")
RAJOUB = ("جبريل الرجوب", "person:new:rajoub", "PSE")


def test_the_envoy_named_after_his_sender_is_the_partner() -> None:
    # r377 shape
    sentence = (
        "الرئيس صالح استقبل، مبعوث الرئيس الفلسطيني محمود عباس، أمين سر اللجنة المركزية لحركة فتح "
        "جبريل الرجوب"
    )
    out = _run(sentence, "استقبل", SALIH, ABBAS, others=(PSE, RAJOUB))
    assert _pair(out) == (SALIH[1], RAJOUB[1])


def test_an_unnamed_envoy_is_of_his_sender_s_state() -> None:
    # «استقبل الرئيس Z مبعوث الرئيس X»: the envoy is unnamed, his state is the sender's.
    sentence = "استقبل الرئيس صالح مبعوث الرئيس الفلسطيني محمود عباس"
    out = _run(sentence, "استقبل", SALIH, ABBAS, others=(PSE,))
    assert _pair(out) == (SALIH[1], PSE[1])
