"""A verb after قبل أن / بعد أن / ثم keeps the sentence's main subject (issue 11, helper multi).

Real shape (r115, a Mauritanian minister's receptions): «واستقبل ولد مرزوك اليوم السفير الفرنسي
ألكسندر غارسيا، قبل أن يستقبل السفيرة الألمانية إيزابيل هنين»: the minister received both; the
French ambassador, the nearest actor before the second verb, is no subject of it."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run


@pytest.fixture
def envoys(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENTITIES, "ألكسندر غارسيا", ("person:new:fr", "PERSON"))
    monkeypatch.setitem(ENTITIES, "إيزابيل هنين", ("person:new:de", "PERSON"))


def _pairs(body: str) -> set[frozenset[str]]:
    return {frozenset(d[1:]) for d in dyads(run(body))}


def test_the_host_receives_the_guest_after_qabla_an(envoys: None) -> None:
    body = (
        "واستقبل الرئيس السيسي اليوم السفير الفرنسي ألكسندر غارسيا، قبل أن يستقبل السفيرة "
        "الألمانية إيزابيل هنين."
    )
    assert _pairs(body) == {
        frozenset({"abdel_fattah_el_sisi", "fr"}),
        frozenset({"abdel_fattah_el_sisi", "de"}),
    }


def test_the_host_receives_the_guest_after_thumma(envoys: None) -> None:
    body = "استقبل الرئيس السيسي اليوم ألكسندر غارسيا ثم استقبل إيزابيل هنين."
    assert _pairs(body) == {
        frozenset({"abdel_fattah_el_sisi", "fr"}),
        frozenset({"abdel_fattah_el_sisi", "de"}),
    }
