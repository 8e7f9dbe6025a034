"""List connectors other than و between the guests of one reception (issue 11, helper multi).

Real shape (r420, an Algerian head of state's reception of six new ambassadors): «استقبل X … عدة
سفراء … على غرار سفير لبنان، A، وكذا سفير النمسا، B، والسفير المصري، C، بالاضافة الى سفير
كرواتيا، D، وسفير السعودية، E، وأخيرا السفير البرازيلي، F»."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run

_GUESTS = {
    "كريم حداد": "person:new:lb",
    "بيتر إلسنر": "person:new:at",
    "أليجا زيلاليك": "person:new:hr",
    "فلافيو ماريغا": "person:new:br",
}


def _pairs(body: str) -> set[frozenset[str]]:
    return {frozenset(d[1:]) for d in dyads(run(body))}


_STATES = {"لبنان": "LBN", "النمسا": "AUT", "كرواتيا": "HRV", "البرازيلي": "BRA"}


@pytest.fixture
def guests(monkeypatch: pytest.MonkeyPatch) -> None:
    for surface, eid in _GUESTS.items():
        monkeypatch.setitem(ENTITIES, surface, (eid, "PERSON"))
    for surface, iso3 in _STATES.items():
        monkeypatch.setitem(ENTITIES, surface, (f"country:{iso3}", "PLACE"))


def test_guests_after_wakadha_bil_idafa_and_akhiran_are_all_received(guests: None) -> None:
    body = (
        "استقبل الرئيس السيسي، أمس، بمقر الرئاسة، عدة سفراء سلموا له أوراق اعتمادهم، على غرار "
        "سفير لبنان، كريم حداد، وكذا سفير النمسا، بيتر إلسنر، بالاضافة الى سفير كرواتيا، "
        "أليجا زيلاليك، وأخيرا السفير البرازيلي، فلافيو ماريغا."
    )
    assert _pairs(body) == {frozenset({"abdel_fattah_el_sisi", x.split(":")[-1]}) for x in _GUESTS.values()}


def test_a_guest_after_thumma_continues_the_list(guests: None) -> None:
    # r303 shape: «… سفير المملكة X،ثم وزير الشؤون الخارجية Y»
    body = "استقبل الرئيس السيسي اليوم سفير لبنان كريم حداد، ثم سفير النمسا بيتر إلسنر."
    assert _pairs(body) == {
        frozenset({"abdel_fattah_el_sisi", "lb"}),
        frozenset({"abdel_fattah_el_sisi", "at"}),
    }


def test_a_name_the_tagger_missed_does_not_end_the_list(
    guests: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    # «بالإضافة إلى سفير كرواتيا، أليجا زيلاليك، وسفير …»: the Croatian's name is not found; the
    # role stands for him and the list goes on after his apposition.
    monkeypatch.delitem(ENTITIES, "أليجا زيلاليك")
    monkeypatch.setitem(ENTITIES, "سفير كرواتيا", ("actor:HRVGOV:ambassador", "ORG"))
    body = (
        "استقبل الرئيس السيسي اليوم سفير لبنان، كريم حداد، بالاضافة الى سفير كرواتيا، "
        "أليجا زيلاليك، وسفير النمسا، بيتر إلسنر."
    )
    assert _pairs(body) == {
        frozenset({"abdel_fattah_el_sisi", "lb"}),
        frozenset({"abdel_fattah_el_sisi", "ambassador"}),
        frozenset({"abdel_fattah_el_sisi", "at"}),
    }


def test_an_adjective_left_out_of_a_span_does_not_end_the_list(monkeypatch: pytest.MonkeyPatch) -> None:
    # r102 shape: «كما التقى، "وأعضاء مجلس الأمن الدائمين، وسفير السعودية لدى اليمن X، وسفير مصر …»:
    # the words the first item's span left out end it, the comma and و open the next one.
    monkeypatch.setitem(ENTITIES, "أحمد فاروق", ("person:new:farouk", "PERSON"))
    body = "والتقى الرئيس بوتين في الرياض الرئيس السيسي المنتخب حديثا، وسفير مصر أحمد فاروق."
    assert _pairs(body) == {
        frozenset({"vladimir_putin", "abdel_fattah_el_sisi"}),
        frozenset({"vladimir_putin", "farouk"}),
    }
