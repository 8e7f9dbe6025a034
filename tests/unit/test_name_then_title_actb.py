"""A name then its title (issue 11, helper actb): «محمد عبدالرحمن آل ثاني نائب رئيس مجلس الوزراء وزير
الخارجية القطري» is one actor, the known office holder the title names, not a made-up person
beside him; a list goes on after him."""

from __future__ import annotations

import pytest

from tests.unit.test_events import ENTITIES, dyads, run


def test_a_new_name_right_before_a_known_holders_title_is_that_holder(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # r250 shape: "تلقى اتصالين من كل من محمد عبدالرحمن آل ثاني نائب رئيس مجلس الوزراء وزير الخارجية
    # القطري، و الأمير فيصل بن فرحان آل سعود وزير الخارجية السعودي"
    monkeypatch.setitem(ENTITIES, "محمد عبدالرحمن آل ثاني", ("person:new:mohammed", "PERSON"))
    monkeypatch.setitem(ENTITIES, "وزير الخارجية القطري", ("person:mohammed_bin_abdulrahman", "PERSON"))
    body = (
        "تلقى الرئيس السيسي اتصالين من كل من محمد عبدالرحمن آل ثاني نائب رئيس مجلس الوزراء "
        "وزير الخارجية القطري، والرئيس بوتين."
    )
    assert dyads(run(body)) == {
        ("041", "mohammed_bin_abdulrahman", "abdel_fattah_el_sisi"),
        ("041", "vladimir_putin", "abdel_fattah_el_sisi"),
    }


def test_a_titled_subject_before_a_titled_object_stays(monkeypatch: pytest.MonkeyPatch) -> None:
    # r111: "التقى وزير الخارجية التونسي مولدي الكافي الأمين العام لجامعة الدول العربية نبيل العربي":
    # the new person has a title of his own: subject and object, not one actor.
    monkeypatch.setitem(ENTITIES, "مولدي الكافي", ("person:new:kefi", "PERSON"))
    monkeypatch.setitem(ENTITIES, "الأمين العام للأمم المتحدة", ("person:antonio_guterres", "PERSON"))
    body = "التقى الرئيس مولدي الكافي الأمين العام للأمم المتحدة في موسكو."
    assert ("040", "kefi", "antonio_guterres") in dyads(run(body))
