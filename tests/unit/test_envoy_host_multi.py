"""An envoy named after his office and where he serves (issue 11, helper multi).

Real shapes: «وسفير مصر لدى اليمن أحمد فاروق» (almahrahpost), «سفير روسيا لدى ليبيا حيدر أغانين»
(lywitness), «اتصال هاتفي بين … وسفير الولايات المتحدة الأمريكية لدى ليبيا ريتشارد نورلاند»
(libyanbusiness): the name is the office's official (his state, not the host's), and the office
phrase is his title, no second party of the event."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run
from tests.unit.test_office_appositions_actr import _new_codes


def test_the_name_after_an_office_and_its_host_is_of_the_office_state() -> None:
    codes = _new_codes("كما التقى المبعوث في الرياض سفير مصر لدى اليمن أحمد فاروق.")
    assert codes.get("أحمد فاروق") == "EGYGOV", codes


def test_a_host_after_fi_also_stands_between() -> None:
    codes = _new_codes(
        "الرئيس الموريتاني تسلم كذلك أوراق اعتماد سفير ألمانيا في نواكشوط كبريالا كليلي، وسفير "
        "المملكة الأردنية الهاشمية الجديد بنواكشوط حازم الخطيب التميمي."
    )
    assert codes.get("كبريالا كليلي") == "DEUGOV", codes


def test_the_office_opening_a_persons_title_is_no_party(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(ENTITIES, "سفير الولايات المتحدة الأمريكية", ("actor:USAGOV:ambassador", "ORG"))
    monkeypatch.setitem(ENTITIES, "ليبيا", ("country:LBY", "PLACE"))
    monkeypatch.setitem(ENTITIES, "ريتشارد نورلاند", ("person:new:norland", "PERSON"))
    body = "جرى اتصال هاتفي بين الرئيس بوتين وسفير الولايات المتحدة الأمريكية لدى ليبيا ريتشارد نورلاند."
    pairs = {frozenset(d[1:]) for d in dyads(run(body))}
    assert pairs == {frozenset({"vladimir_putin", "norland"})}, pairs
